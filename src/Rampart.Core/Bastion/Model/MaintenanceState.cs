namespace Rampart.Core.Bastion.Model;

/// <summary>The bastion is locked for maintenance: only admins may log in.</summary>
public sealed record MaintenanceState(string By, DateTimeOffset Since, string? Message);
