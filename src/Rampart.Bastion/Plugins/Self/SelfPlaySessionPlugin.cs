using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Bastion.Recording;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>selfPlaySession</c>: replays the recording of one of your egress sessions. On a terminal it keeps the original
/// pace (idle gaps capped); otherwise it prints the output at once.
/// </summary>
public sealed class SelfPlaySessionPlugin : OshPlugin
{
    public override string Name => "selfPlaySession";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Replay the recording of one of your sessions";

    public override IReadOnlyList<PluginOption> Options => [Text("id")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var id = call.Required("id");
        var session = await call.Services.Sessions.FindAsync(call.Caller.Name, id, cancellationToken);
        if (session is null || session.Recordings.Count == 0)
        {
            return Fail("ERR_NOT_FOUND", $"No recorded session with id {id}");
        }

        var files = session.Recordings.Where(File.Exists).ToList();
        if (files.Count == 0)
        {
            return Fail("ERR_NOT_FOUND", $"The recording of session {id} is no longer available");
        }

        await using var output = new TerminalStream(call.Terminal);
        var speed = call.Terminal.IsTty ? 1.0 : 0.0;
        await SessionPlayback.PlayAsync(files, output, speed, 2.0, cancellationToken);
        return Ok(new JsonObject { ["id"] = id, ["files"] = files.Count });
    }
}
