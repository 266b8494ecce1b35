using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary><c>nc</c>: whether a TCP port answers from the bastion: open, closed, timeout or unknown.</summary>
public sealed class NcPlugin : OshPlugin
{
    public override string Name => "nc";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Check whether a TCP port is open, from the bastion";

    // The Bastion's option is -w, as netcat's; the shell-level --timeout is honoured too when -w is not given.
    public override IReadOnlyList<PluginOption> Options => [Number("w")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var positionals = call.Options.Positionals;
        var host = call.Invocation.Host ?? positionals.ElementAtOrDefault(0);
        var portText = call.Invocation.Port?.ToString(CultureInfo.InvariantCulture) ?? positionals.ElementAtOrDefault(host == call.Invocation.Host ? 0 : 1);
        if (host is null)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --host");
        }

        if (portText is null)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --port");
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return Fail("ERR_INVALID_PARAMETER", $"Invalid port '{portText}'");
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return Fail("ERR_INVALID_PARAMETER", "Please use a single IP, not a subnet");
        }

        var timeout = TimeSpan.FromSeconds((call.Options.Integer("w") ?? call.Invocation.Timeout) is { } seconds and > 0 and <= 3600 ? seconds : 3);
        string result;
        using var client = new TcpClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(host, port, limit.Token);
            result = "open";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = "timeout";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            result = "closed";
        }
        catch (SocketException)
        {
            result = "unknown";
        }

        await call.SayAsync($"{host}:{port} is {result}", cancellationToken);
        return Ok(new JsonObject { ["host"] = host, ["port"] = port, ["result"] = result });
    }
}
