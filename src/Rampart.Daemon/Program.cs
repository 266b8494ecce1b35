using Rampart.Daemon.Hosting;

// The daemon: parse the command line, then run the host until Ctrl-C or SIGTERM.
var options = DaemonCommandLine.Parse(args, Console.Error, out var helpShown);
if (options is null)
{
    if (helpShown)
    {
        Console.Out.WriteLine(DaemonCommandLine.Usage);
        return 0;
    }

    return 2;
}

return await DaemonHost.RunAsync(options, CancellationToken.None);

/// <summary>Lets in-process tests (WebApplicationFactory) find the entry point.</summary>
public partial class Program;
