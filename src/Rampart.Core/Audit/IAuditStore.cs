namespace Rampart.Core.Audit;

/// <summary>Where the audit trail is kept: appended to, never changed.</summary>
public interface IAuditStore
{
    Task<AuditRecord?> LastAsync(CancellationToken cancellationToken);

    /// <summary>Appends records (consecutive, in order) in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Every record in sequence order, for verification.</summary>
    IAsyncEnumerable<AuditRecord> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Matching records, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
