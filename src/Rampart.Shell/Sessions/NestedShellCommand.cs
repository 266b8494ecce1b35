using Rampart.Core.Errors;

namespace Rampart.Shell.Sessions;

/// <summary>
/// The command that turns a host's shell into a nested one (<c>shellEnvironment</c>): <c>exec</c> into the chosen
/// POSIX shell without rc files, through <c>sudo -n</c> when elevated or as another user (never prompting: a password
/// prompt would hang a non-interactive session).
/// </summary>
public static class NestedShellCommand
{
    private static readonly Dictionary<string, string> s_shells = new(StringComparer.Ordinal)
    {
        ["sh"] = "sh",
        ["dash"] = "dash",
        ["ash"] = "ash",
        ["ksh"] = "ksh",
        ["bash"] = "bash --noprofile --norc",
        ["zsh"] = "zsh -f",
    };

    public static string Build(string? shell, bool elevated, string? user)
    {
        shell ??= "sh";
        if (!s_shells.TryGetValue(shell, out var invocation))
        {
            throw new ClientErrorException(
                $"Nested {shell} shells are not supported by this Rampart version yet (supported: {string.Join(", ", s_shells.Keys)})");
        }

        return $"exec {Sudo(elevated, user)}{invocation}";
    }

    /// <summary>Runs <paramref name="command"/> with sh as the nested shell's user, for file transfers beside it.</summary>
    public static string Wrap(bool elevated, string? user, string command)
    {
        var sudo = Sudo(elevated, user);
        return sudo.Length == 0 ? command : $"{sudo}sh -c '{command.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }

    private static string Sudo(bool elevated, string? user)
    {
        if (user is not null && (user.Length == 0 || user.StartsWith('-') || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new ClientErrorException($"The nested shell's user \"{user}\" is not a valid user name");
        }

        return user is not null ? $"sudo -n -u {user} " : elevated ? "sudo -n " : "";
    }
}
