namespace Rampart.Core.Audit;

/// <summary>One access to Rampart, allowed or not, as the audit trail keeps it.</summary>
/// <param name="Actor">Who: <c>local</c> (the machine's owner), <c>apikey:NAME</c>, <c>apikey:NAME(bastion:ACCOUNT)</c>, or <c>anonymous</c>.</param>
/// <param name="Source">Where from: the client's address.</param>
/// <param name="Action">What: the operation, e.g. <c>/shell/exec</c>.</param>
/// <param name="Target">On what: connection ids, filters or a job id; null when nothing in particular.</param>
/// <param name="Outcome"><c>ok</c>, <c>denied</c> (authentication or authorization), <c>rejected</c> (a bad request) or <c>failed</c>.</param>
/// <param name="Detail">The command run, the HTTP status, or why it was refused; never a secret.</param>
public sealed record AuditEvent(DateTimeOffset Time, string Actor, string Source, string Action, string? Target, string Outcome, string? Detail);
