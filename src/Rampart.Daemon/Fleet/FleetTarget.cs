namespace Rampart.Daemon.Fleet;

/// <summary>One connection a fleet job runs on.</summary>
public sealed record FleetTarget(Guid Connection, string Name);
