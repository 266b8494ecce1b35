using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rampart.Cli.Import;

/// <summary>
/// Reads the files an ssh config's <c>Include</c> lines name, as ssh resolves them (relative paths below ~/.ssh,
/// <c>~</c> expanded, wildcards in the file name), following includes inside included files too, and sends them with
/// the import as <c>{"pattern": [{"path", "text"}]}</c>.
/// </summary>
internal static partial class SshConfigIncludes
{
    public static JsonObject Collect(string text)
    {
        var includes = new JsonObject();
        Visit(text, includes, 0);
        return includes;
    }

    private static void Visit(string text, JsonObject includes, int depth)
    {
        if (depth > 16)
        {
            return;
        }

        foreach (Match match in IncludeLine().Matches(text))
        {
            foreach (var pattern in match.Groups["args"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(a => a.Trim('"')))
            {
                if (includes.ContainsKey(pattern))
                {
                    continue;
                }

                var files = new JsonArray();
                includes[pattern] = files;
                foreach (var path in Resolve(pattern))
                {
                    var content = File.ReadAllText(path);
                    files.Add((JsonNode)new JsonObject { ["path"] = path, ["text"] = content });
                    Visit(content, includes, depth + 1);
                }
            }
        }
    }

    private static IEnumerable<string> Resolve(string pattern)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var path = pattern.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, pattern[2..])
            : Path.IsPathRooted(pattern) ? pattern
            : Path.Combine(home, ".ssh", pattern);
        var directory = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal)
            ? Directory.EnumerateFiles(directory, name).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : [];
    }

    [GeneratedRegex(@"^\s*include\s*[= ]\s*(?<args>.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex IncludeLine();
}
