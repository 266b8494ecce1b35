using System.Diagnostics;
using System.Globalization;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>ping</c>: pings a host from the bastion, one echo request a second, printing each reply and then the summary
/// lines of iputils' ping, and returns its figures as The Bastion does (from ping's own output there, hence strings).
/// <c>-c</c> counts, <c>-s</c> sets the payload size, <c>-t</c> the TTL, <c>-w</c> the deadline (default and most: an hour).
/// </summary>
public sealed partial class PingPlugin : OshPlugin
{
    private const int MaxDeadline = 3600;

    public override string Name => "ping";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Ping a remote host from the bastion";

    public override IReadOnlyList<PluginOption> Options => [Number("c"), Number("s"), Number("t"), Number("w")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var positionals = call.Options.Positionals;
        var host = call.Invocation.Host
            ?? (positionals.Count == 1 && HostWord().IsMatch(positionals[0]) ? positionals[0] : null);
        if (string.IsNullOrEmpty(host))
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing required host parameter");
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return Fail("ERR_INVALID_PARAMETER", "Please use a single IP, not a subnet");
        }

        var count = call.Options.Integer("c") is > 0 and var c ? c : int.MaxValue;
        var size = call.Options.Integer("s") is > 0 and < 10000 and var s ? s : 56;
        var options = new PingOptions(call.Options.Integer("t") is > 0 and < 256 and var ttl ? ttl : 64, dontFragment: false);
        var deadline = TimeSpan.FromSeconds(call.Options.Integer("w") is > 0 and <= MaxDeadline and var w ? w : MaxDeadline);

        await call.SayAsync($"Pinging {host}...", cancellationToken);
        using var ping = new Ping();
        var payload = new byte[size];
        var times = new List<double>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        string? failure = null;
        while (sent < count && clock.Elapsed < deadline)
        {
            var started = clock.Elapsed;
            sent++;
            try
            {
                var reply = await ping.SendPingAsync(host, TimeSpan.FromSeconds(1), payload, options, cancellationToken);
                if (reply.Status == IPStatus.Success)
                {
                    times.Add(reply.RoundtripTime);
                    await call.SayAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{size + 8} bytes from {reply.Address}: icmp_seq={sent} ttl={reply.Options?.Ttl ?? options.Ttl} time={reply.RoundtripTime} ms"),
                        cancellationToken);
                }
            }
            catch (PingException e)
            {
                failure = e.InnerException?.Message ?? e.Message;
                break;
            }

            var pause = TimeSpan.FromSeconds(1) - (clock.Elapsed - started);
            if (sent < count && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, call.Services.Time, cancellationToken);
            }
        }

        if (failure is not null && times.Count == 0)
        {
            await call.Terminal.WriteErrorLineAsync($"ping: {host}: {failure}", cancellationToken);
        }

        var received = times.Count;
        var loss = sent == 0 ? 100 : (sent - received) * 100 / sent;
        var duration = (long)clock.Elapsed.TotalMilliseconds;
        var value = new JsonObject
        {
            ["host"] = host,
            ["sysret"] = received > 0 ? 0 : sent > 0 && failure is null ? 1 : 2,
            ["packets_transmitted"] = Text(sent),
            ["packets_received"] = Text(received),
            ["packets_loss_percentage"] = Text(loss),
            ["ping_duration"] = Text(duration),
        };
        await call.SayAsync($"\n--- {host} ping statistics ---\n{sent} packets transmitted, {received} received, {loss}% packet loss, time {duration}ms", cancellationToken);
        if (received > 0)
        {
            var average = times.Average();
            var deviation = Math.Sqrt(times.Average(t => (t - average) * (t - average)));
            var (min, avg, max, mdev) = (Ms(times.Min()), Ms(average), Ms(times.Max()), Ms(deviation));
            (value["min"], value["avg"], value["max"], value["mdev"]) = (min, avg, max, mdev);
            await call.SayAsync($"rtt min/avg/max/mdev = {min}/{avg}/{max}/{mdev} ms", cancellationToken);
        }

        return Ok(value);
    }

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double milliseconds) => milliseconds.ToString("0.000", CultureInfo.InvariantCulture);

    // The Bastion guesses a lone word as the host when it looks like a name or an address.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HostWord();
}
