using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary><c>help</c>: the plugins the caller may run, by category. The value is null, as in The Bastion.</summary>
public sealed class HelpPlugin : OshPlugin
{
    public override string Name => "help";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "List the commands you can run";

    public override PluginTraits Traits => PluginTraits.MfaSetupNotRequired;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        await call.SayAsync("OSH help", cancellationToken);
        foreach (var group in call.Registry.All
            .Where(p => PluginRegistry.Refusal(p, call.Caller, call.Snapshot) is null)
            .GroupBy(p => p.Category))
        {
            await call.SayAsync($"\n{group.Key} commands:", cancellationToken);
            foreach (var plugin in group)
            {
                await call.SayAsync($"  {plugin.Name,-28} {plugin.Summary}", cancellationToken);
            }
        }

        await call.SayAsync("\nUsage: ssh ACCOUNT@BASTION -- --osh COMMAND [--json|--json-pretty|--json-greppable] [options]", cancellationToken);
        return Ok();
    }
}
