using System.Runtime.InteropServices;

namespace Rampart.Cli.Daemon;

/// <summary>Sends a signal to another process: .NET can only kill one (SIGKILL), not ask it to stop.</summary>
internal static class NativeSignals
{
    // The numbers are the same on Linux and macOS.
    private const int SigInt = 2;
    private const int SigTerm = 15;

    public static void Send(int processId, PosixSignal signal)
    {
        var number = signal switch
        {
            PosixSignal.SIGINT => SigInt,
            PosixSignal.SIGTERM => SigTerm,
            _ => 0,
        };
        if (processId > 0 && number != 0)
        {
            // A failure (the child has just exited) needs no handling: there is nobody left to stop.
            _ = Kill(processId, number);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int sig);
}
