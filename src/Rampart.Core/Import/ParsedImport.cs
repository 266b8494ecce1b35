namespace Rampart.Core.Import;

/// <summary>What a source held: the hosts, the lines that failed, and notices about what was skipped on purpose.</summary>
public sealed record ParsedImport(IReadOnlyList<ImportedHost> Hosts, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> Notices);
