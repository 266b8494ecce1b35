using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;

namespace Rampart.Core.Import;

/// <summary>
/// Writes hosts back out in the import formats, so that other tools (ssh, Ansible, spreadsheets) can use Rampart's
/// inventory and a re-import with <c>--category "all connections"</c> changes nothing. Category paths are written
/// below "All connections".
/// </summary>
public static class ExportFormats
{
    public static string Write(string format, IReadOnlyList<ImportedHost> hosts, List<string> notices) => format switch
    {
        "ssh-config" => SshConfig(hosts, notices),
        "csv" => Csv(hosts),
        "ansible" => Ansible(hosts),
        "json" => new JsonArray([.. hosts.Select(h => (JsonNode)Json(h))]).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n",
        _ => throw new ClientErrorException($"Unknown export format \"{format}\" (expected {string.Join(", ", ImportFormats.Names)})"),
    };

    private static string SshConfig(IReadOnlyList<ImportedHost> hosts, List<string> notices)
    {
        var text = new StringBuilder("# Exported by Rampart\n");
        foreach (var host in hosts)
        {
            if (host.Name.Any(c => char.IsWhiteSpace(c) || c is '*' or '?' or '!' or '"'))
            {
                notices.Add($"{host.Name}: not a valid ssh Host alias; left out of the ssh config");
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"\nHost {host.Name}\n  HostName {host.Host}\n");
            AppendIf(text, "Port", host.Port?.ToString(CultureInfo.InvariantCulture));
            AppendIf(text, "User", host.User);
            AppendIf(text, "IdentityFile", host.IdentityFile is { } file && file.Contains(' ', StringComparison.Ordinal) ? $"\"{file}\"" : host.IdentityFile);
            AppendIf(text, "ProxyJump", host.Gateway);
        }

        return text.ToString();
    }

    private static void AppendIf(StringBuilder text, string keyword, string? value)
    {
        if (value is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {keyword} {value}\n");
        }
    }

    private static string Csv(IReadOnlyList<ImportedHost> hosts)
    {
        var text = new StringBuilder("name,host,port,user,category,identity,gateway\n");
        foreach (var h in hosts)
        {
            text.AppendJoin(',', new[] { h.Name, h.Host, h.Port?.ToString(CultureInfo.InvariantCulture), h.User, string.Join('/', h.CategoryPath), h.IdentityFile, h.Gateway }.Select(Cell));
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Cell(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>
    /// A YAML inventory whose nested groups are the categories, names kept as they are (quoted) so a re-import finds
    /// the same categories; Ansible accepts such names, warning about characters outside [A-Za-z0-9_].
    /// </summary>
    private static string Ansible(IReadOnlyList<ImportedHost> hosts)
    {
        var root = new Group();
        foreach (var host in hosts)
        {
            var group = root;
            foreach (var segment in host.CategoryPath)
            {
                var name = segment;
                if (!group.Children.TryGetValue(name, out var child))
                {
                    group.Children[name] = child = new Group();
                }

                group = child;
            }

            group.Hosts.Add(host);
        }

        var text = new StringBuilder("# Exported by Rampart\nall:\n");
        Write(text, root, 1);
        return text.ToString();
    }

    private static void Write(StringBuilder text, Group group, int depth)
    {
        var indent = new string(' ', depth * 2);
        if (group.Hosts.Count > 0)
        {
            text.Append(indent).Append("hosts:\n");
            foreach (var host in group.Hosts)
            {
                text.Append(indent).Append("  ").Append(Quote(host.Name)).Append(":\n");
                var vars = indent + "    ";
                text.Append(vars).Append("ansible_host: ").Append(Quote(host.Host)).Append('\n');
                AppendVar(text, vars, "ansible_port", host.Port?.ToString(CultureInfo.InvariantCulture));
                AppendVar(text, vars, "ansible_user", host.User is null ? null : Quote(host.User));
                AppendVar(text, vars, "ansible_ssh_private_key_file", host.IdentityFile is null ? null : Quote(host.IdentityFile));
                AppendVar(text, vars, "ansible_ssh_common_args", host.Gateway is null ? null : Quote("-o ProxyJump=" + host.Gateway));
            }
        }

        if (group.Children.Count > 0)
        {
            text.Append(indent).Append("children:\n");
            foreach (var (name, child) in group.Children)
            {
                text.Append(indent).Append("  ").Append(Quote(name)).Append(":\n");
                Write(text, child, depth + 2);
            }
        }
    }

    private static void AppendVar(StringBuilder text, string indent, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(indent).Append(name).Append(": ").Append(value).Append('\n');
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static JsonObject Json(ImportedHost h) => new()
    {
        ["name"] = h.Name,
        ["host"] = h.Host,
        ["port"] = h.Port,
        ["user"] = h.User,
        ["category"] = h.CategoryPath.Count > 0 ? string.Join('/', h.CategoryPath) : null,
        ["identity"] = h.IdentityFile,
        ["gateway"] = h.Gateway,
    };

    private sealed class Group
    {
        public List<ImportedHost> Hosts { get; } = [];

        public SortedDictionary<string, Group> Children { get; } = new(StringComparer.Ordinal);
    }
}
