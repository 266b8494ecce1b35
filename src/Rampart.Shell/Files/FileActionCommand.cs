using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Core.Errors;

namespace Rampart.Shell.Files;

/// <summary>
/// XPipe's file-browser actions (<c>/action</c> with <c>files</c> and the action's own fields) as one POSIX command
/// run in the connection's shell, as its user: chmod, chown, chgrp, deleteFile, moveFile, newFile, newDirectory and
/// renameFile. Every value is checked and quoted; paths come after <c>--</c>, so none is read as an option.
/// </summary>
public static partial class FileActionCommand
{
    public static readonly IReadOnlySet<string> Ids = new HashSet<string>(StringComparer.Ordinal)
    {
        "chmod", "chown", "chgrp", "deleteFile", "moveFile", "newFile", "newDirectory", "renameFile",
    };

    /// <exception cref="ClientErrorException">A field is missing or malformed.</exception>
    public static string Build(string id, JsonObject action)
    {
        var files = Files(action);
        var recursive = action["recursive"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True ? "-R " : "";
        return id switch
        {
            "chmod" => $"chmod {recursive}{Checked(action, "permissions", Permissions())} -- {Words(files)}",
            "chown" => $"chown {recursive}{Checked(action, "owner", Owner())} -- {Words(files)}",
            "chgrp" => $"chgrp {recursive}{Checked(action, "group", Account())} -- {Words(files)}",
            "deleteFile" => $"rm -rf -- {Words(files)}",
            "moveFile" => $"mv -- {Words(files)} {ShellPaths.Word(Text(action, "target"))}",
            "newFile" => string.Join(" && ", files.Select(d => $"touch -- {ShellPaths.Word(d)}/{ShellPaths.Quote(Name(action))}")),
            "newDirectory" => string.Join(" && ", files.Select(d => $"mkdir -p -- {ShellPaths.Word(d)}/{ShellPaths.Quote(Name(action))}")),
            "renameFile" => files is [var file]
                ? $"mv -- {ShellPaths.Word(file)} \"$(dirname -- {ShellPaths.Word(file)})\"/{ShellPaths.Quote(Name(action))}"
                : throw new ClientErrorException("Action renameFile renames exactly one file (field files)"),
            _ => throw new ClientErrorException("Unable to parse action into known schema"),
        };
    }

    private static List<string> Files(JsonObject action)
    {
        var node = action["files"] ?? throw new ClientErrorException("Field files is missing: a list of paths");
        var files = (node is JsonArray array ? array.ToList() : [node])
            .Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } path
                ? path
                : throw new ClientErrorException("Field files must be a list of non-empty paths"))
            .ToList();
        return files.Count > 0 ? files : throw new ClientErrorException("Field files must not be empty");
    }

    private static string Words(IEnumerable<string> files) => string.Join(' ', files.Select(ShellPaths.Word));

    private static string Text(JsonObject action, string field) =>
        action[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } text
            ? text
            : throw new ClientErrorException($"Field {field} is missing or empty");

    private static string Checked(JsonObject action, string field, Regex pattern)
    {
        var text = Text(action, field);
        return pattern.IsMatch(text) ? text : throw new ClientErrorException($"Field {field} is not valid: {text}");
    }

    /// <summary>A new name inside a directory: one path component.</summary>
    private static string Name(JsonObject action)
    {
        var name = action["name"] is not null ? Text(action, "name") : Text(action, "newName");
        return name.Contains('/', StringComparison.Ordinal) || name is "." or ".." || name.Contains('\0', StringComparison.Ordinal)
            ? throw new ClientErrorException($"Field name must be a single file name, not {name}")
            : name;
    }

    /// <summary>Octal (644, 0755) or symbolic (u+x,go-w) modes.</summary>
    [GeneratedRegex(@"^([0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*)$")]
    private static partial Regex Permissions();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex Account();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*(:[A-Za-z0-9_][A-Za-z0-9._-]*)?$")]
    private static partial Regex Owner();
}
