using Rampart.Core.Access;

namespace Rampart.Daemon.Fleet;

/// <summary>What to run where: a command line, or a script's text (uploaded and run on each host).</summary>
/// <param name="Parallel">How many hosts at once.</param>
/// <param name="Timeout">Per host, connecting included; null for none.</param>
/// <param name="StartedBy">Who asked: a key bound to a bastion account is checked again as each host starts.</param>
public sealed record FleetRequest(string? Command, string? Script, IReadOnlyList<FleetTarget> Targets, int Parallel, TimeSpan? Timeout, Principal StartedBy);
