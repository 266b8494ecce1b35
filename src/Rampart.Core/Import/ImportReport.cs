namespace Rampart.Core.Import;

/// <summary>What an import did (or, for a dry run, would do), by connection name.</summary>
/// <param name="Applied">False for a dry run.</param>
/// <param name="UpdatedIds">The ids of the updated connections, whose open shells must reconnect.</param>
public sealed record ImportReport(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> CategoriesAdded,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> Notices,
    bool Applied,
    IReadOnlyList<Guid> UpdatedIds);
