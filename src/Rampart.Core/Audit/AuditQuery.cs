namespace Rampart.Core.Audit;

/// <summary>A search of the audit trail; every filter is a case-insensitive substring, null matches all.</summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Target, string? Outcome, DateTimeOffset? Since, int Limit);
