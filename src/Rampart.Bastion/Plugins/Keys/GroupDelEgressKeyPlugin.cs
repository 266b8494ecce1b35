using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Keys;

/// <summary>
/// <c>groupDelEgressKey</c>: removes one of a group's egress keys, by the id <c>groupInfo</c> shows (or its
/// fingerprint), by one of the group's owners. Its sealed private half goes with it.
/// </summary>
public sealed class GroupDelEgressKeyPlugin : OshPlugin
{
    public override string Name => "groupDelEgressKey";

    public override PluginCategory Category => PluginCategory.GroupOwner;

    public override string Summary => "Remove a bastion group egress key";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Text("id")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var name = call.Options.String("group");
        var id = call.Options.String("id");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(id))
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing the --group or --id parameter");
        }

        var group = call.ExistingGroup(name);
        if (!group.Has(call.Caller.Name, GroupRole.Owner) && !call.Caller.IsSuperOwner && !call.Caller.IsAdmin)
        {
            return Fail("ERR_NOT_GROUP_OWNER", "You must be an owner to delete an egress group key");
        }

        bool Matches(EgressKey key) =>
            call.Shown(key).ToJson()["id"]!.GetValue<string>() == id || key.PublicKey.Fingerprint == id;
        var key = group.EgressKeys.FirstOrDefault(Matches);
        if (key is null)
        {
            return Fail("ERR_INVALID_PARAMETER", $"Couldn't find any key with the ID you specified ({id}) in group {group.Name}");
        }

        var removed = await call.Services.Directory.ChangeAsync(snapshot => snapshot.Group(group.Name) is { } current
            && current.EgressKeys.Any(k => k.Id == key.Id)
                ? (snapshot.With(current with { EgressKeys = [.. current.EgressKeys.Where(k => k.Id != key.Id)] }), true)
                : (null, false), cancellationToken);
        if (!removed)
        {
            return Fail("ERR_INVALID_PARAMETER", $"Couldn't find any key with the ID you specified ({id}) in group {group.Name}");
        }

        var shown = call.Shown(key);
        await call.SayAsync($"The following key has been deleted from group {group.Name}:\n\n{shown.Line}\n", cancellationToken);
        return Ok(shown.ToJson(), $"Key {id} has successfully been deleted from the {group.Name} group");
    }
}
