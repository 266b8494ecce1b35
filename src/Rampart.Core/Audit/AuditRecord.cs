namespace Rampart.Core.Audit;

/// <summary>An audit event in its place in the chain: its number, a unique id, and the hashes that link it.</summary>
public sealed record AuditRecord(long Sequence, Guid Id, AuditEvent Event, string PreviousHash, string Hash);
