using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rampart.Core.Import;

/// <summary>
/// Hosts from an Ansible inventory, INI or YAML. Groups become categories (a child group below its parent; a host in
/// several groups goes to the first one it appears in; <c>all</c> and <c>ungrouped</c> are not categories). Honoured
/// variables: <c>ansible_host</c>, <c>ansible_port</c>, <c>ansible_user</c>, <c>ansible_ssh_private_key_file</c>,
/// <c>ansible_password</c>/<c>ansible_ssh_pass</c> (into the vault), and a ProxyJump in <c>ansible_ssh_common_args</c>;
/// host variables win over group variables, a child group's over its parent's.
/// </summary>
public static partial class AnsibleInventoryImport
{
    public static ParsedImport Parse(string text, string sourceName) =>
        LooksLikeYaml(text) ? ParseYaml(text, sourceName) : ParseIni(text, sourceName);

    private static bool LooksLikeYaml(string text)
    {
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith(';'));
        return first is not null && (first == "---" || YamlGroupLine().IsMatch(first));
    }

    private static ParsedImport ParseIni(string text, string sourceName)
    {
        var inventory = new Inventory();
        var problems = new List<ImportProblem>();
        var section = "ungrouped";
        var kind = "hosts";
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var where = $"{sourceName}:{number.ToString(CultureInfo.InvariantCulture)}";
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            try
            {
                if (line.StartsWith('[') && line.EndsWith(']'))
                {
                    var header = line[1..^1].Trim();
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    (section, kind) = colon < 0 ? (header, "hosts") : (header[..colon], header[(colon + 1)..]);
                    if (kind is not ("hosts" or "vars" or "children"))
                    {
                        throw new FormatException($"unknown section kind :{kind} (expected :vars or :children)");
                    }

                    inventory.Group(section, where);
                    continue;
                }

                var words = Words(line);
                switch (kind)
                {
                    case "vars":
                        var (key, value) = Assignment(words.Count == 1 ? words[0] : line);
                        inventory.Group(section, where).Vars.TryAdd(key, value);
                        break;
                    case "children":
                        inventory.Group(words[0], where).Parents.Add(section);
                        inventory.Group(section, where).Children.Add(words[0]);
                        break;
                    default:
                        var vars = words.Skip(1).Select(Assignment).ToList();
                        foreach (var name in Expand(words[0]))
                        {
                            var host = inventory.Host(name, where);
                            host.Groups.Add(section);
                            foreach (var (k, v) in vars)
                            {
                                host.Vars.TryAdd(k, v);
                            }
                        }

                        break;
                }
            }
            catch (FormatException e)
            {
                problems.Add(new ImportProblem(where, e.Message));
            }
        }

        return inventory.Resolve(problems);
    }

    private static ParsedImport ParseYaml(string text, string sourceName)
    {
        var inventory = new Inventory();
        var problems = new List<ImportProblem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return new ParsedImport([], [new ImportProblem($"{sourceName}:{e.Start.Line}", "not valid YAML: " + e.InnerException?.Message ?? e.Message)], []);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new ParsedImport([], [new ImportProblem($"{sourceName}:1", "an Ansible YAML inventory is a mapping of groups (all: hosts:, children:)")], []);
        }

        foreach (var (key, value) in root.Children)
        {
            WalkGroup(Scalar(key), value, null, inventory, sourceName, problems);
        }

        return inventory.Resolve(problems);
    }

    private static void WalkGroup(string name, YamlNode node, string? parent, Inventory inventory, string sourceName, List<ImportProblem> problems)
    {
        var where = $"{sourceName}:{node.Start.Line}";
        var group = inventory.Group(name, where);
        if (parent is not null)
        {
            group.Parents.Add(parent);
            inventory.Group(parent, where).Children.Add(name);
        }

        if (node is not YamlMappingNode mapping)
        {
            return;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (Scalar(keyNode))
            {
                case "hosts" when value is YamlMappingNode hosts:
                    foreach (var (hostKey, hostVars) in hosts.Children)
                    {
                        var hostWhere = $"{sourceName}:{hostKey.Start.Line}";
                        try
                        {
                            foreach (var hostName in Expand(Scalar(hostKey)))
                            {
                                var host = inventory.Host(hostName, hostWhere);
                                host.Groups.Add(name);
                                if (hostVars is YamlMappingNode vars)
                                {
                                    foreach (var (k, v) in vars.Children)
                                    {
                                        host.Vars.TryAdd(Scalar(k), Scalar(v));
                                    }
                                }
                            }
                        }
                        catch (FormatException e)
                        {
                            problems.Add(new ImportProblem(hostWhere, e.Message));
                        }
                    }

                    break;
                case "vars" when value is YamlMappingNode vars:
                    foreach (var (k, v) in vars.Children)
                    {
                        group.Vars.TryAdd(Scalar(k), Scalar(v));
                    }

                    break;
                case "children" when value is YamlMappingNode children:
                    foreach (var (childKey, child) in children.Children)
                    {
                        WalkGroup(Scalar(childKey), child, name, inventory, sourceName, problems);
                    }

                    break;
            }
        }
    }

    private static string Scalar(YamlNode node) => node is YamlScalarNode { Value: { } value } ? value : node.ToString();

    /// <summary>Splits a line into words; double or single quotes keep spaces inside a value.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (var c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else if (c == '#' && word.Length == 0)
            {
                break;
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static (string Key, string Value) Assignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? (word[..equals].Trim(), word[(equals + 1)..].Trim().Trim('"', '\''))
            : throw new FormatException($"\"{word}\" is not a key=value variable");
    }

    /// <summary>Ansible's host ranges: <c>web[01:10]</c>, <c>db-[a:f]</c>, with an optional step <c>[1:9:2]</c>.</summary>
    internal static IEnumerable<string> Expand(string pattern)
    {
        var match = HostRange().Match(pattern);
        if (!match.Success)
        {
            return [pattern];
        }

        var (from, to) = (match.Groups["from"].Value, match.Groups["to"].Value);
        var step = match.Groups["step"].Success ? int.Parse(match.Groups["step"].Value, CultureInfo.InvariantCulture) : 1;
        var prefix = pattern[..match.Index];
        var suffix = pattern[(match.Index + match.Length)..];
        IEnumerable<string> items;
        if (int.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var end))
        {
            if (end < start || step < 1 || (end - start) / step > 100_000)
            {
                throw new FormatException($"host range {match.Value} is empty or too large");
            }

            var width = from.Length > 1 && from.StartsWith('0') ? from.Length : 0;
            items = Enumerable.Range(0, (end - start) / step + 1).Select(i => (start + i * step).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        }
        else if (from.Length == 1 && to.Length == 1 && char.IsAsciiLetter(from[0]) && char.IsAsciiLetter(to[0]) && from[0] <= to[0])
        {
            items = Enumerable.Range(0, (to[0] - from[0]) / step + 1).Select(i => ((char)(from[0] + i * step)).ToString());
        }
        else
        {
            throw new FormatException($"host range {match.Value} is not numeric or alphabetic");
        }

        // Ranges may repeat: expand the rest of the name as well.
        return items.SelectMany(item => Expand(prefix + item + suffix));
    }

    [GeneratedRegex(@"\[(?<from>[0-9a-zA-Z]+):(?<to>[0-9a-zA-Z]+)(:(?<step>[0-9]+))?\]")]
    private static partial Regex HostRange();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*:\s*(#.*)?$")]
    private static partial Regex YamlGroupLine();

    [GeneratedRegex(@"(?:-J\s*|ProxyJump[= ])(?<jump>[^\s'""]+)")]
    private static partial Regex ProxyJumpArgument();

    /// <summary>Groups and hosts as read, before variables are merged and categories chosen.</summary>
    private sealed class Inventory
    {
        private readonly Dictionary<string, GroupInfo> _groups = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HostInfo> _hosts = new(StringComparer.Ordinal);
        private readonly List<HostInfo> _order = [];

        public GroupInfo Group(string name, string where)
        {
            if (!_groups.TryGetValue(name, out var group))
            {
                group = new GroupInfo(where);
                _groups[name] = group;
            }

            return group;
        }

        public HostInfo Host(string name, string where)
        {
            if (!_hosts.TryGetValue(name, out var host))
            {
                host = new HostInfo(name, where);
                _hosts[name] = host;
                _order.Add(host);
            }

            return host;
        }

        public ParsedImport Resolve(List<ImportProblem> problems)
        {
            var hosts = new List<ImportedHost>();
            foreach (var host in _order)
            {
                try
                {
                    hosts.Add(Resolve(host));
                }
                catch (FormatException e)
                {
                    problems.Add(new ImportProblem(host.Where, $"host {host.Name}: {e.Message}"));
                }
            }

            return new ParsedImport(hosts, problems, []);
        }

        private ImportedHost Resolve(HostInfo host)
        {
            var group = host.Groups.FirstOrDefault(g => g is not ("all" or "ungrouped"));
            var path = group is null ? [] : Path(group);
            var vars = new Dictionary<string, string>(host.Vars, StringComparer.Ordinal);
            foreach (var name in path.AsEnumerable().Reverse().Append("all"))
            {
                if (_groups.TryGetValue(name, out var info))
                {
                    foreach (var (key, value) in info.Vars)
                    {
                        vars.TryAdd(key, value);
                    }
                }
            }

            string? Var(params string[] names) => names.Select(n => vars.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            var jump = Var("ansible_ssh_common_args", "ansible_ssh_extra_args") is { } args && ProxyJumpArgument().Match(args) is { Success: true } m
                ? m.Groups["jump"].Value
                : null;
            return new ImportedHost(
                host.Name,
                ImportFieldRules.Required(Var("ansible_host", "ansible_ssh_host") ?? host.Name, "ansible_host"),
                ImportFieldRules.Port(Var("ansible_port", "ansible_ssh_port")),
                ImportFieldRules.Word(Var("ansible_user", "ansible_ssh_user"), "ansible_user"),
                path,
                Var("ansible_ssh_private_key_file", "ansible_private_key_file"),
                Var("ansible_password", "ansible_ssh_pass", "ansible_ssh_password"),
                jump,
                host.Where);
        }

        /// <summary>The group below its first parent, up to a top group; "all" is the root, not a category.</summary>
        private List<string> Path(string group)
        {
            var path = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = group; current is not null && current is not ("all" or "ungrouped") && seen.Add(current);
                 current = _groups.TryGetValue(current, out var info) ? info.Parents.FirstOrDefault() : null)
            {
                path.Add(current);
            }

            path.Reverse();
            return path;
        }
    }

    private sealed class GroupInfo(string where)
    {
        public string Where { get; } = where;

        public Dictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);

        public List<string> Parents { get; } = [];

        public List<string> Children { get; } = [];
    }

    private sealed class HostInfo(string name, string where)
    {
        public string Name { get; } = name;

        public string Where { get; } = where;

        public List<string> Groups { get; } = [];

        public Dictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);
    }
}
