using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Rampart.Shell.Local;

/// <summary>
/// Interrupts what a local shell is running by ending the shell's descendants, found through /proc, while the
/// shell itself lives on and prints its end marker.
/// </summary>
internal static partial class ProcessTree
{
    private const int SigKill = 9;
    private const int SigUsr1 = 10;

    public static Task KillDescendantsAsync(Process shell, int shellPid)
    {
        // The shell's own pid (from the probe) is the one whose children run commands; under sudo it is not ours.
        // SIGUSR1 first: the framing's trap then abandons the rest of the command line once the child is gone.
        var target = shellPid > 1 ? shellPid : shell.Id;
        _ = Kill(target, SigUsr1);
        foreach (var pid in Descendants(target))
        {
            _ = Kill(pid, SigKill);
        }

        return Task.CompletedTask;
    }

    /// <summary>Children first listed, then theirs: killing top-down keeps orphans from being re-parented away.</summary>
    private static List<int> Descendants(int root)
    {
        var found = new List<int>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var pid))
        {
            foreach (var child in Children(pid))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            yield break;
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                {
                    yield return child;
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
