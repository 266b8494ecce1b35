using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Sessions;

namespace Rampart.Bastion.Plugins.Self;

/// <summary><c>selfListSessions</c>: your past sessions, plugin runs and egress connections, oldest first.</summary>
public sealed class SelfListSessionsPlugin : OshPlugin
{
    public override string Name => "selfListSessions";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "List your past sessions";

    public override IReadOnlyList<PluginOption> Options =>
        [Switch("detailed"), Number("limit"), Text("id"), Text("type"), Switch("allowed"), Switch("denied"), Text("host"), Number("to-port"), Text("user")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(call.Options.Integer("limit") ?? 100, 1, 100_000);
        var sessions = await call.Services.Sessions.ListAsync(call.Caller.Name, limit, cancellationToken);
        var id = call.Options.String("id");
        var type = call.Options.String("type");
        var host = call.Options.String("host");
        var toPort = call.Options.Integer("to-port");
        var user = call.Options.String("user");
        var filtered = sessions
            .Where(s => id is null || s.Id == id)
            .Where(s => type is null || s.Type == type)
            .Where(s => !call.Options.Flag("allowed") || s.Allowed)
            .Where(s => !call.Options.Flag("denied") || !s.Allowed)
            .Where(s => host is null || s.To?.Ip == host || s.To?.Host == host)
            .Where(s => toPort is null || s.To?.Port == toPort)
            .Where(s => user is null || s.User == user)
            .ToList();
        if (filtered.Count == 0)
        {
            return Empty("No session matches");
        }

        var value = new JsonArray();
        foreach (var session in filtered)
        {
            value.Add(View(session));
            await call.SayAsync(
                $"{session.Id} {session.Type,-4} {(session.Allowed ? "allowed" : "denied ")} {session.Started:u} {session.Plugin ?? $"{session.User}@{session.To?.Ip}:{session.To?.Port}"} => {session.Returned}",
                cancellationToken);
        }

        return Ok(value);
    }

    private static JsonObject View(BastionSession session) => new()
    {
        ["id"] = session.Id,
        ["from"] = Endpoint(session.From),
        ["via"] = new JsonObject { ["ip"] = session.Via.Ip, ["port"] = session.Via.Port, ["user"] = session.Account },
        ["to"] = session.To is null ? null : Endpoint(session.To),
        ["proxy"] = null,
        ["timestamp_started"] = session.Started.ToUnixTimeMilliseconds() / 1000.0,
        ["timestamp_ended"] = session.Ended is { } ended ? ended.ToUnixTimeMilliseconds() / 1000.0 : null,
        ["type"] = session.Type,
        ["plugin"] = session.Plugin,
        ["allowed"] = session.Allowed ? 1 : 0,
        ["returned"] = session.Returned,
        ["params"] = session.Type is "osh" or "sshas" ? session.Params : null,
        ["user"] = session.User,
    };

    private static JsonObject Endpoint(SessionEndpoint endpoint) => new()
    {
        ["ip"] = endpoint.Ip,
        ["port"] = endpoint.Port,
        ["host"] = endpoint.Host,
    };
}
