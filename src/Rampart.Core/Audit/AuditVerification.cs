namespace Rampart.Core.Audit;

/// <summary>The result of checking the whole chain.</summary>
/// <param name="Problem">The first break found (an edited, inserted or deleted record), or null.</param>
public sealed record AuditVerification(long Records, string? LastHash, string? Problem)
{
    public bool Intact => Problem is null;
}
