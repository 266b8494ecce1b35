using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Admin;

/// <summary><c>adminMaintenance</c>: locks the bastion so that only admins may log in, or unlocks it.</summary>
public sealed class AdminMaintenancePlugin : OshPlugin
{
    public override string Name => "adminMaintenance";

    public override PluginCategory Category => PluginCategory.Admin;

    public override string Summary => "Lock or unlock the bastion for maintenance";

    public override IReadOnlyList<PluginOption> Options => [Switch("lock"), Switch("unlock"), Text("message")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var lockIt = call.Options.Flag("lock");
        var unlock = call.Options.Flag("unlock");
        if (lockIt && unlock)
        {
            return Fail("ERR_INCOMPATIBLE_PARAMETERS", "Options --lock and --unlock are mutually exclusive");
        }

        if (!lockIt && !unlock)
        {
            return Fail("ERR_MISSING_PARAMETER", "Please specify either --lock or --unlock");
        }

        var changed = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            if ((snapshot.Maintenance is not null) == lockIt)
            {
                return (null, false);
            }

            var maintenance = lockIt ? new MaintenanceState(call.Caller.Name, call.Now, call.Options.String("message")) : null;
            return (snapshot with { Maintenance = maintenance }, true);
        }, cancellationToken);

        if (!changed)
        {
            return NoChange(lockIt ? "The bastion is already in maintenance mode" : "The bastion is not in maintenance mode");
        }

        await call.SayAsync(lockIt ? "Maintenance mode is now on: only admins may log in" : "Maintenance mode is now off", cancellationToken);
        return Ok();
    }
}
