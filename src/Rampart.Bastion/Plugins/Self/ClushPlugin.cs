using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>clush</c>: one command on several hosts through the bastion, as The Bastion's: each host is a connection of the
/// caller's own (<c>--quiet [USER@]HOST [--port P] -- COMMAND</c>), with its access check, recording, session row and
/// audit record, so the plugin can reach nothing the caller could not. By default the hosts run one after the other,
/// the list and command are confirmed first, and a failure pauses; the value maps each host to its
/// <c>{stdout, stderr, sysret}</c> (lines). Rampart adds <c>--parallel N</c>: N hosts at a time, each host's output
/// printed as a block, prefixed with its name, once it is done.
/// </summary>
public sealed partial class ClushPlugin : OshPlugin
{
    private const int MaxLine = 4096;
    private const int MaxParallel = 64;

    public override string Name => "clush";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Launch a remote command on several machines sequentially (clush-like)";

    public override IReadOnlyList<PluginOption> Options =>
    [
        Text("list"), Text("command"), Switch("step-by-step"), Switch("no-pause-on-failure"), Switch("no-confirm"), Switch("no-stdin"),
        Number("parallel"),
    ];

    public override string Usage => """
        Usage: --osh clush [OPTIONS] --command '"remote command"'

          --list HOSTLIST           Comma-separated list of the hosts (hostname or IP) to run the command on
          --user USER               Specify which remote user should we use to connect (default: BASTION_ACCOUNT)
          --port PORT               Specify which port to connect to (default: 22)
          --step-by-step            Pause before running the command on each host
          --no-pause-on-failure     Don't pause if the remote command failed (returned exit code != 0)
          --no-confirm              Skip confirmation of the host list and command
          --no-stdin                Don't pass your stdin to the remote command
          --parallel N              Run on N hosts at a time (at most 64), each host's output printed once it is done
          --command '"remote cmd"'  Command to be run on the remote hosts. If you're in a shell, quote it twice as shown.
        """;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Options.String("list") is not { Length: > 0 } list)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter 'list'");
        }

        if (call.Options.String("command") is not { Length: > 0 } command)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter 'command'");
        }

        var hosts = list.Split(',').Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (hosts.FirstOrDefault(h => !HostName().IsMatch(h)) is { } bad)
        {
            return Fail("ERR_INVALID_PARAMETER", $"This doesn't appear to be a valid host '{bad}'");
        }

        if (hosts.Count == 0)
        {
            return Fail("ERR_INVALID_PARAMETER", "Host list to execute the command on is empty");
        }

        var parallel = call.Options.Integer("parallel");
        if (parallel is < 1 or > MaxParallel)
        {
            return Fail("ERR_INVALID_PARAMETER", $"--parallel must be between 1 and {MaxParallel}");
        }

        if (parallel is not null && call.Options.Flag("step-by-step"))
        {
            return Fail("ERR_INCOMPATIBLE_PARAMETERS", "--step-by-step and --parallel can't be used together");
        }

        await call.SayAsync($"Will execute a command on {hosts.Count} hosts ({list})", cancellationToken);
        await call.SayAsync($"The command to be executed is: {command}", cancellationToken);
        if (!call.Options.Flag("no-confirm"))
        {
            await call.SayAsync("Press ENTER to proceed, or CTRL+C to cancel.", cancellationToken);
            await call.Terminal.ReadLineUnbufferedAsync(MaxLine, cancellationToken);
        }

        var results = parallel is { } width
            ? await RunInParallelAsync(call, hosts, command, width, cancellationToken)
            : await RunInTurnAsync(call, hosts, command, cancellationToken);
        var value = new JsonObject();
        foreach (var host in hosts)
        {
            value[host] = results[host];
        }

        return Ok(value);
    }

    private static async Task<Dictionary<string, JsonObject>> RunInTurnAsync(PluginCall call, List<string> hosts, string command, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            await call.SayAsync("************************", cancellationToken);
            await call.SayAsync($"Working on {host}", cancellationToken);
            await call.SayAsync("************************", cancellationToken);
            if (call.Options.Flag("step-by-step"))
            {
                await call.SayAsync("Press ENTER to execute the command on this host", cancellationToken);
                await call.Terminal.ReadLineUnbufferedAsync(MaxLine, cancellationToken);
            }

            var terminal = new CopyingTerminal(call.Terminal, forward: true, withStdin: !call.Options.Flag("no-stdin"));
            var status = await call.RunShellLine(call.Caller, ConnectionLine(call, host, command), terminal, cancellationToken);
            results[host] = Result(terminal, status);
            if (status != 0 && !call.Options.Flag("no-pause-on-failure"))
            {
                await call.Terminal.WriteErrorLineAsync(
                    $"Last command failed (return code: {status}), press ENTER to continue or CTRL+C to stop here", cancellationToken);
                await call.Terminal.ReadLineUnbufferedAsync(MaxLine, cancellationToken);
            }
        }

        return results;
    }

    private static async Task<Dictionary<string, JsonObject>> RunInParallelAsync(
        PluginCall call, List<string> hosts, string command, int width, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var output = new SemaphoreSlim(1, 1);
        try
        {
            await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = width, CancellationToken = cancellationToken },
                async (host, token) =>
                {
                    var terminal = new CopyingTerminal(call.Terminal, forward: false, withStdin: false);
                    var status = await call.RunShellLine(call.Caller, ConnectionLine(call, host, command), terminal, token);
                    await output.WaitAsync(token);
                    try
                    {
                        // One block per host, whole: outputs of hosts running together never interleave.
                        var block = new StringBuilder();
                        foreach (var line in CopyingTerminal.Lines(terminal.Stdout))
                        {
                            block.Append(host).Append(": ").Append(line).Append('\n');
                        }

                        await call.Terminal.WriteStdoutAsync(block.ToString(), token);
                        block.Clear();
                        foreach (var line in CopyingTerminal.Lines(terminal.Stderr))
                        {
                            block.Append(host).Append(": ").Append(line).Append('\n');
                        }

                        block.Append(CultureInfo.InvariantCulture, $"{host}: exited with {status}\n");
                        await call.Terminal.WriteStderrAsync(block.ToString(), token);
                        results[host] = Result(terminal, status);
                    }
                    finally
                    {
                        output.Release();
                    }
                });
        }
        finally
        {
            output.Dispose();
        }

        return results;
    }

    /// <summary>The connection as the caller would type it after <c>--</c>: what follows <c>--</c> reaches the host verbatim.</summary>
    private static string ConnectionLine(PluginCall call, string host, string command)
    {
        var target = call.Invocation.User is { } user ? $"{user}@{host}" : host;
        var port = call.Invocation.Port is { } p ? " --port " + p.ToString(CultureInfo.InvariantCulture) : "";
        return $"--quiet {target}{port} -- {command}";
    }

    private static JsonObject Result(CopyingTerminal terminal, int status) => new()
    {
        ["stdout"] = new JsonArray([.. CopyingTerminal.Lines(terminal.Stdout).Select(l => (JsonNode?)l)]),
        ["stderr"] = new JsonArray([.. CopyingTerminal.Lines(terminal.Stderr).Select(l => (JsonNode?)l)]),
        ["sysret"] = status,
    };

    [GeneratedRegex("^[a-zA-Z0-9.-]+$")]
    private static partial Regex HostName();
}
