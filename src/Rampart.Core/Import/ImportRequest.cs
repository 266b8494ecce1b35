namespace Rampart.Core.Import;

/// <summary>An import as asked for.</summary>
/// <param name="BaseCategory">Where the hosts go (their own category paths below it): a category id, or a path such as
/// <c>fleet/eu</c> (below "all connections", created as needed); null for the Default category.</param>
/// <param name="DryRun">Plan and report only; nothing changes.</param>
/// <param name="SkipErrors">Import the good hosts even when some lines fail; otherwise any failure imports nothing.</param>
public sealed record ImportRequest(ParsedImport Parsed, string? BaseCategory, bool DryRun, bool SkipErrors);
