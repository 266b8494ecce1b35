using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary>
/// <c>lock</c> and <c>unlock</c>: lock all your running egress sessions on a terminal (before leaving your desk), or
/// unlock them from another session, which is also the way out of an idle lock. A locked session drops what is typed
/// and hides the server's output (it is still recorded). Only this bastion's sessions, as in The Bastion; the value is
/// an empty object, as there.
/// </summary>
public sealed class SessionLockPlugin(bool lockThem) : OshPlugin
{
    public override string Name => lockThem ? "lock" : "unlock";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => lockThem ? "Lock all your current sessions" : "Unlock all your current sessions";

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var locks = call.Services.Locks;
        await call.SayAsync(lockThem ? "Locking all your sessions..." : "Unlocking all your sessions...", cancellationToken);
        var count = lockThem
            ? await locks.LockAllAsync(call.Caller.Name, cancellationToken)
            : await locks.UnlockAllAsync(call.Caller.Name, cancellationToken);
        await call.SayAsync($"Sent {(lockThem ? "lock" : "unlock")} signal to {count} session{(count == 1 ? "" : "s")}", cancellationToken);
        return Ok(new JsonObject());
    }
}
