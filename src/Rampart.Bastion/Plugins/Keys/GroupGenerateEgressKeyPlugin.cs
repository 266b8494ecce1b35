using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Keys;

/// <summary>
/// <c>groupGenerateEgressKey</c>: a new egress key pair for a group, by one of its owners, to rotate the group's key:
/// install the new public key on the servers, then remove the old one with <c>groupDelEgressKey</c>. Connections try
/// the newest key first.
/// </summary>
public sealed class GroupGenerateEgressKeyPlugin : OshPlugin
{
    public override string Name => "groupGenerateEgressKey";

    public override PluginCategory Category => PluginCategory.GroupOwner;

    public override string Summary => "Create a new public + private key pair for a group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), .. EgressKeyOptions.Declared];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        const string Missing = "Missing the 'algo', 'size' or 'group' parameter";
        var name = call.Options.String("group") ?? throw new PluginFailureException("ERR_MISSING_PARAMETER", Missing);
        var group = call.ExistingGroup(name);
        await call.RequireRoleAsync(group, GroupRole.Owner, cancellationToken);
        var key = await EgressKeyOptions.GenerateAsync(call, group.Name, Missing, cancellationToken);
        var added = await call.Services.Directory.ChangeAsync(snapshot => snapshot.Group(group.Name) is { } current
            ? (snapshot.With(current with { EgressKeys = [.. current.EgressKeys, key] }), true)
            : (null, false), cancellationToken);
        if (!added)
        {
            return Fail("KO_GROUP_NOT_FOUND", $"The group {group.Name} doesn't exist");
        }

        var shown = call.Shown(key);
        await call.SayAsync($"The new key pair of group {group.Name} has been generated:\n\n{shown.Line}\n", cancellationToken);
        return Ok(shown.ToJson());
    }
}
