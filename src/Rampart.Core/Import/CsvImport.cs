using System.Globalization;
using System.Text;

namespace Rampart.Core.Import;

/// <summary>
/// Hosts from CSV (RFC 4180: commas, double quotes, quoted newlines) with a header row. Columns, in any order and
/// case: <c>host</c> (required; also <c>hostname</c>, <c>address</c>), <c>name</c> (default: the host), <c>port</c>,
/// <c>user</c>, <c>category</c> (a path such as <c>prod/web</c>), <c>identity</c> (a private key file; also
/// <c>identity_file</c>, <c>key</c>), <c>password</c>, <c>gateway</c> (another host's name; also <c>proxyjump</c>).
/// </summary>
public static class CsvImport
{
    private static readonly Dictionary<string, string> s_columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name", ["host"] = "host", ["hostname"] = "host", ["address"] = "host", ["port"] = "port", ["user"] = "user",
        ["username"] = "user", ["category"] = "category", ["identity"] = "identity", ["identity_file"] = "identity",
        ["identityfile"] = "identity", ["key"] = "identity", ["password"] = "password", ["gateway"] = "gateway",
        ["proxyjump"] = "gateway", ["proxy_jump"] = "gateway",
    };

    public static ParsedImport Parse(string text, string sourceName)
    {
        var rows = Rows(text).ToList();
        var problems = new List<ImportProblem>();
        var notices = new List<string>();
        var hosts = new List<ImportedHost>();
        if (rows.Count == 0)
        {
            return new ParsedImport(hosts, [new ImportProblem($"{sourceName}:1", "the file is empty; a header row is needed (host,name,port,user,category,identity,password,gateway)")], notices);
        }

        var (headerLine, header) = rows[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (s_columns.TryGetValue(header[i].Trim(), out var column))
            {
                index.TryAdd(column, i);
            }
            else if (header[i].Trim().Length > 0)
            {
                notices.Add($"{sourceName}:{headerLine}: column \"{header[i].Trim()}\" is not one Rampart reads; ignored");
            }
        }

        if (!index.ContainsKey("host"))
        {
            return new ParsedImport(hosts, [new ImportProblem($"{sourceName}:{headerLine}", "the header has no host column")], notices);
        }

        foreach (var (line, cells) in rows.Skip(1))
        {
            var where = $"{sourceName}:{line.ToString(CultureInfo.InvariantCulture)}";
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string? Cell(string column) => index.TryGetValue(column, out var i) && i < cells.Count && cells[i].Trim().Length > 0 ? cells[i].Trim() : null;
            try
            {
                if (cells.Count > header.Count)
                {
                    throw new FormatException($"{cells.Count} fields but the header has {header.Count}");
                }

                var host = ImportFieldRules.Required(Cell("host"), "host");
                hosts.Add(new ImportedHost(
                    Cell("name") ?? host, host, ImportFieldRules.Port(Cell("port")), ImportFieldRules.Word(Cell("user"), "user"),
                    ImportFieldRules.CategoryPath(Cell("category")), Cell("identity"),
                    index.TryGetValue("password", out var p) && p < cells.Count && cells[p].Length > 0 ? cells[p] : null,
                    Cell("gateway"), where));
            }
            catch (FormatException e)
            {
                problems.Add(new ImportProblem(where, e.Message));
            }
        }

        return new ParsedImport(hosts, problems, notices);
    }

    /// <summary>Records with the line each starts on; quoted fields may span lines.</summary>
    private static IEnumerable<(int Line, List<string> Cells)> Rows(string text)
    {
        var line = 1;
        var start = 1;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    if (any || cells.Count > 1 || cells[0].Length > 0)
                    {
                        yield return (start, cells);
                    }

                    cells = [];
                    any = false;
                    line++;
                    start = line;
                    break;
                default:
                    cell.Append(c);
                    any = true;
                    break;
            }
        }

        if (any || cell.Length > 0)
        {
            cells.Add(cell.ToString());
            yield return (start, cells);
        }
    }
}
