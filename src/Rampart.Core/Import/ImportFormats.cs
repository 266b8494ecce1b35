using Rampart.Core.Errors;

namespace Rampart.Core.Import;

/// <summary>The import formats by name, as the CLI and <c>/connection/import</c> call them.</summary>
public static class ImportFormats
{
    public static readonly IReadOnlyList<string> Names = ["ssh-config", "csv", "ansible", "json"];

    public static ParsedImport Parse(string format, string text, string sourceName, IReadOnlyDictionary<string, IReadOnlyList<IncludedFile>>? includes = null) =>
        format switch
        {
            "ssh-config" => SshConfigImport.Parse(text, sourceName, includes ?? new Dictionary<string, IReadOnlyList<IncludedFile>>()),
            "csv" => CsvImport.Parse(text, sourceName),
            "ansible" => AnsibleInventoryImport.Parse(text, sourceName),
            "json" => JsonImport.Parse(text, sourceName),
            _ => throw new ClientErrorException($"Unknown import format \"{format}\" (expected {string.Join(", ", Names)})"),
        };
}
