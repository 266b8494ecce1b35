using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary><c>groupTransmitOwnership</c>: makes another account owner of the group, then removes yourself as owner.</summary>
public sealed class GroupTransmitOwnershipPlugin : OshPlugin
{
    public override string Name => "groupTransmitOwnership";

    public override PluginCategory Category => PluginCategory.GroupOwner;

    public override string Summary => "Hand the ownership of a group over to another account";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Text("account")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var group = call.ExistingGroup(call.Required("group"));
        var target = call.ExistingAccount(call.Required("account")).Name;
        await call.RequireRoleAsync(group, GroupRole.Owner, cancellationToken);
        if (target == call.Caller.Name)
        {
            return NoChange("You can't transmit ownership to yourself, nothing to do");
        }

        await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var current = snapshot.Group(group.Name)!;
            return (snapshot.With(current with { Owners = current.Owners.Add(target).Remove(call.Caller.Name) }), true);
        }, cancellationToken);
        await call.SayAsync($"Account {target} is now an owner of group {group.Name}, and you are not anymore", cancellationToken);
        return Ok();
    }
}
