using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>alive</c>: pings a host once a second until it answers; the value says how long that took. The Bastion waits
/// forever; here <c>--timeout</c> (seconds, default an hour) bounds the wait and ends it with <c>ERR_TIMEOUT</c>.
/// </summary>
public sealed class AlivePlugin : OshPlugin
{
    public override string Name => "alive";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Wait until a host answers ping";


    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        // As The Bastion, a lone word is taken as [user@]host; the user plays no part in a ping.
        var host = call.Invocation.Host ?? (call.Options.Positionals.Count == 1 ? call.Options.Positionals[0].Split('@')[^1] : null);
        if (string.IsNullOrEmpty(host))
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --host");
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return Fail("ERR_INVALID_PARAMETER", "Please use a single IP, not a subnet");
        }

        // --timeout is a shell-level option (The Bastion's ssh connect timeout), so it reaches the plugin parsed.
        var limit = call.Invocation.Timeout is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromHours(1);
        var waited = Stopwatch.StartNew();
        using var ping = new Ping();
        await call.SayAsync($"Waiting for {host} to be alive...", cancellationToken);
        while (waited.Elapsed < limit)
        {
            try
            {
                var reply = await ping.SendPingAsync(host, TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
                if (reply.Status == IPStatus.Success)
                {
                    await call.SayAsync($"{host} is alive", cancellationToken);
                    return Ok(new JsonObject { ["waited_for"] = (int)waited.Elapsed.TotalSeconds });
                }
            }
            catch (PingException)
            {
                // Unresolvable or unreachable for now: keep waiting, as The Bastion's alive does.
            }

            await Task.Delay(TimeSpan.FromSeconds(1), call.Services.Time, cancellationToken);
        }

        return Fail("ERR_TIMEOUT", $"{host} didn't answer within {(int)limit.TotalSeconds} seconds");
    }
}
