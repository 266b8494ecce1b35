using System.Diagnostics;
using Rampart.Shell.Files;
using Rampart.Shell.Sessions;

namespace Rampart.Shell.Local;

/// <summary>
/// The local machine's shell: bash without profile or rc files (a heavy .bashrc would tax every command), else sh,
/// started in the user's home directory.
/// </summary>
public static class LocalShell
{
    public static ShellLaunch Launch()
    {
        var bash = File.Exists("/bin/bash") ? "/bin/bash" : null;
        var start = new ProcessStartInfo(bash ?? "/bin/sh")
        {
            WorkingDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home && Directory.Exists(home)
                ? home
                : "/",
        };
        if (bash is not null)
        {
            start.ArgumentList.Add("--noprofile");
            start.ArgumentList.Add("--norc");
        }

        return new ShellLaunch(start, ProcessTree.KillDescendantsAsync);
    }

    /// <summary>Bulk data beside a local nested shell: each command in its own /bin/sh.</summary>
    public static FileChannel Channel() => command => Launch(command).StartInfo;

    /// <summary>A local shell that replaces itself with <paramref name="command"/> (a nested shell).</summary>
    public static ShellLaunch Launch(string command)
    {
        var start = Launch().StartInfo;
        start.FileName = "/bin/sh";
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        return new ShellLaunch(start, ProcessTree.KillDescendantsAsync);
    }
}
