using System.Globalization;
using Rampart.Bastion.Dispatch;
using Rampart.Core.Errors;
using Rampart.Shell.Processes;

namespace Rampart.Bastion.Host;

/// <summary>
/// Bastion accounts as OS users, made with the shadow utilities: a user and primary group of the same id, a private
/// home, the entry program as login shell, membership of the bastion's OS group, and a password field of <c>*</c>
/// (no password, but not locked: sshd with UsePAM no refuses locked accounts even for keys).
/// </summary>
public sealed class OsAccountSystem(BastionSettings settings) : IAccountSystem
{
    public bool UserExists(string name) => PasswdEntries("/etc/passwd").Any(e => e.Name == name);

    public IReadOnlySet<int> IdsInUse() =>
        PasswdEntries("/etc/passwd").Concat(PasswdEntries("/etc/group")).Select(e => e.Id).ToHashSet();

    /// <summary>The OS user name of a uid, to check that a socket peer's uid still belongs to the account recorded for it.</summary>
    public static string? NameOf(int uid) => PasswdEntries("/etc/passwd").FirstOrDefault(e => e.Id == uid).Name;

    /// <summary>The uid of an OS user, or -1.</summary>
    public static int UidOf(string name) =>
        PasswdEntries("/etc/passwd").Where(e => e.Name == name).Select(e => e.Id).DefaultIfEmpty(-1).First();

    /// <summary>The gid of an OS group, or -1.</summary>
    public static int GidOf(string name) =>
        PasswdEntries("/etc/group").Where(e => e.Name == name).Select(e => e.Id).DefaultIfEmpty(-1).First();

    public async Task CreateUserAsync(string name, int uid, CancellationToken cancellationToken)
    {
        await EnsureGroupAsync(settings.OsGroup, cancellationToken);
        var home = Path.Combine("/home", name);
        await RunAsync("useradd", ["--uid", Text(uid), "--user-group", "--create-home", "--home-dir", home, "--shell", settings.EntryProgram,
            "--groups", settings.OsGroup, "--comment", "Rampart bastion account", "--", name], cancellationToken);
        await RunAsync("usermod", ["--password", "*", "--", name], cancellationToken);
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public async Task DeleteUserAsync(string name, CancellationToken cancellationToken)
    {
        if (!UserExists(name))
        {
            return;
        }

        // --force: the account may still have a session open; its processes end with their connections.
        await RunAsync("userdel", ["--force", "--remove", "--", name], cancellationToken, acceptedCodes: [0, 12]);
    }

    public static async Task EnsureGroupAsync(string group, CancellationToken cancellationToken)
    {
        if (PasswdEntries("/etc/group").All(e => e.Name != group))
        {
            // 9: the group appeared meanwhile.
            await RunAsync("groupadd", ["--system", "--", group], cancellationToken, acceptedCodes: [0, 9]);
        }
    }

    private static async Task RunAsync(string command, string[] arguments, CancellationToken cancellationToken, int[]? acceptedCodes = null)
    {
        var result = await CommandRunner.RunAsync(command, arguments, cancellationToken);
        if (!(acceptedCodes ?? [0]).Contains(result.ExitCode))
        {
            throw new RampartException($"{command} failed ({result.ExitCode}): {result.Error.Trim()}");
        }
    }

    private static IEnumerable<(string Name, int Id)> PasswdEntries(string file) =>
        File.ReadLines(file)
            .Select(line => line.Split(':'))
            .Where(fields => fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(fields => (fields[0], int.Parse(fields[2], CultureInfo.InvariantCulture)));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
