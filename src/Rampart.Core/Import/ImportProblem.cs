namespace Rampart.Core.Import;

/// <summary>A line that could not be imported, and why.</summary>
/// <param name="Source">"file:line" (or "item N" for JSON).</param>
public sealed record ImportProblem(string Source, string Message);
