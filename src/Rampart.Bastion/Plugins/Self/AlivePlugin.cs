using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary><c>alive</c>: pings a host once a second until it answers; the value says how long that took.</summary>
public sealed class AlivePlugin : OshPlugin
{
    public override string Name => "alive";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Wait until a host answers ping";

    public override IReadOnlyList<PluginOption> Options => [Number("timeout")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var host = call.Invocation.Host ?? (call.Options.Positionals.Count > 0 ? call.Options.Positionals[0] : null);
        if (host is null)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --host");
        }

        var limit = call.Options.Integer("timeout") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromHours(1);
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
