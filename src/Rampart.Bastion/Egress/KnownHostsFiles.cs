using System.Globalization;

namespace Rampart.Bastion.Egress;

/// <summary>
/// The bastion's own known_hosts files, in the daemon's private directory: one per account for its egress sessions
/// (trusted on first use, then pinned) and one for the connection tests of <c>groupAddServer</c> and friends.
/// Hosts are written as ssh writes them: <c>IP</c> on port 22, <c>[IP]:PORT</c> elsewhere, not hashed.
/// </summary>
public sealed class KnownHostsFiles(string directory)
{
    /// <summary>The file the connection tests use; no account name starts with a dot, so none can share it.</summary>
    public const string ConnectionTests = ".connection-tests";

    public string FileOf(string account)
    {
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, account);
    }

    /// <summary>Every file there is (accounts that never connected have none).</summary>
    public IEnumerable<string> All() => Directory.Exists(directory) ? Directory.EnumerateFiles(directory) : [];

    /// <summary>How ssh names a host and port in known_hosts.</summary>
    public static string EntryName(string host, int port) =>
        port == 22 ? host : string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}");

    /// <summary>
    /// Takes the lines of <paramref name="names"/> out of <paramref name="file"/>: deleted, or kept commented out with
    /// <paramref name="comment"/> in front when one is given (an audit trace in the file itself). Returns which names
    /// had lines.
    /// </summary>
    public static async Task<IReadOnlySet<string>> ForgetAsync(string file, IReadOnlyCollection<string> names, string? comment, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return found;
        }

        var kept = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
        {
            var hosts = line.StartsWith('#') ? [] : line.Split(' ', 2)[0].Split(',');
            var match = hosts.FirstOrDefault(names.Contains);
            if (match is null)
            {
                kept.Add(line);
                continue;
            }

            found.Add(match);
            if (comment is not null)
            {
                kept.Add($"# {comment}: {line}");
            }
        }

        if (found.Count > 0)
        {
            // Written beside and renamed over: a session starting meanwhile reads the old file or the new, never half.
            var next = file + ".next";
            await File.WriteAllLinesAsync(next, kept, cancellationToken);
            File.Move(next, file, overwrite: true);
        }

        return found;
    }
}
