using System.Runtime.InteropServices;
using Rampart.Cli;

// The entry point: real streams and environment, and Ctrl-C/SIGTERM as cancellation. The first signal cancels the
// running command gracefully; a second one, if the command does not stop, gets the default (terminate).
using var interrupted = new CancellationTokenSource();
void Cancel(PosixSignalContext signal)
{
    if (!interrupted.IsCancellationRequested)
    {
        signal.Cancel = true;
        interrupted.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
using var context = new CliContext(Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
return await CliApp.RunAsync(args, context, interrupted.Token);
