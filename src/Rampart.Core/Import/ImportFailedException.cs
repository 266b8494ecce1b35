using System.Globalization;
using Rampart.Core.Errors;

namespace Rampart.Core.Import;

/// <summary>Some lines could not be imported and errors were not to be skipped: nothing was imported.</summary>
public sealed class ImportFailedException(IReadOnlyList<ImportProblem> problems) : ClientErrorException(Describe(problems))
{
    public IReadOnlyList<ImportProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<ImportProblem> problems)
    {
        var shown = problems.Take(20).Select(p => $"{p.Source}: {p.Message}");
        var more = problems.Count > 20 ? string.Create(CultureInfo.InvariantCulture, $"; and {problems.Count - 20} more") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Nothing was imported: {problems.Count} line(s) failed (use skipErrors / --skip-errors to import the rest): {string.Join("; ", shown)}{more}");
    }
}
