using System.Globalization;

namespace Rampart.Contracts.Bastion;

/// <summary>
/// The bastion front door's settings, written by <c>rampart bastion install</c> and read by the daemon and by
/// <c>rampart bastion serve</c>: <c>key=value</c> lines, <c>#</c> comments.
/// </summary>
/// <param name="Socket">The Unix socket the entry program connects to.</param>
/// <param name="EntryProgram">The entry program, the login shell of every account.</param>
public sealed record BastionConfig(string Name, string Socket, string EntryProgram, string OsGroup, int Port)
{
    public const string DefaultPath = "/etc/rampart/bastion/bastion.conf";

    public static BastionConfig Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidOperationException($"{path}: '{line}' is not key=value");
            }

            values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        string Required(string key) => values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{path}: '{key}' is missing");

        return new BastionConfig(
            values.GetValueOrDefault("name", "rampart"),
            Required("socket"),
            Required("entry_program"),
            values.GetValueOrDefault("os_group", "rampart-users"),
            int.Parse(values.GetValueOrDefault("port", "2222"), CultureInfo.InvariantCulture));
    }

    public string Format() => $"""
        # Rampart bastion front door, written by `rampart bastion install`.
        name={Name}
        socket={Socket}
        entry_program={EntryProgram}
        os_group={OsGroup}
        port={Port.ToString(CultureInfo.InvariantCulture)}

        """;
}
