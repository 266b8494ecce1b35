using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Rampart.Bastion.Accounts;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Names;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary>
/// <c>groupCreate</c>: a new group with its egress key (or none with <c>--no-key</c>); the owner named gets every role
/// in it, as in The Bastion.
/// </summary>
public sealed class GroupCreatePlugin : OshPlugin
{
    public override string Name => "groupCreate";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Create a group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Text("owner"), Text("algo"), Number("size"), Switch("encrypted"), Switch("no-key")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var name = call.Required("group");
        var owner = call.Required("owner");
        var algorithm = call.Options.String("algo");
        var size = call.Options.Integer("size");
        var noKey = call.Options.Flag("no-key");
        if (noKey && (algorithm is not null || size is not null || call.Options.Flag("encrypted")))
        {
            return Fail("ERR_INVALID_PARAMETER", "--no-key can't be used with --algo, --size or --encrypted");
        }

        if (!noKey && algorithm is null)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter --algo (or --no-key)");
        }

        if (call.Options.Flag("encrypted"))
        {
            return Fail("ERR_UNSUPPORTED_FEATURE", "Passphrase-protected group keys are not supported: keys are sealed in the vault");
        }

        if (GroupName.HasKeyPrefix(name))
        {
            return Fail("ERR_INVALID_PARAMETER", "A group name can't start with 'key'");
        }

        if (GroupName.Check(name) is { Ok: false } bad)
        {
            return Fail("ERR_INVALID_PARAMETER", bad.Message ?? $"Invalid group name '{name}'");
        }

        call.ExistingAccount(owner);
        if (call.Snapshot.Group(name) is not null || call.Snapshot.Account(name) is not null)
        {
            return Fail("KO_ALREADY_EXISTING", $"The group {name} already exists");
        }

        EgressKey? key = null;
        if (!noKey)
        {
            key = await EgressKeys.GenerateAsync(call.Services.Cipher, algorithm!.ToLowerInvariant(), size,
                $"{name}@{call.Services.Settings.Name}:{call.Now.ToUnixTimeSeconds()}", call.Now, cancellationToken);
        }

        var created = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            if (snapshot.Group(name) is not null)
            {
                return (null, false);
            }

            ImmutableSortedSet<string> owners = [owner];
            var group = new BastionGroup(
                name, call.Now, call.Caller.Name, owners, owners, owners, owners,
                ImmutableSortedDictionary<string, ImmutableArray<Core.Bastion.Access.AclEntry>>.Empty,
                [], key is null ? [] : [key], GroupSettings.Default);
            return (snapshot.With(group), true);
        }, cancellationToken);

        if (!created)
        {
            return Fail("KO_ALREADY_EXISTING", $"The group {name} already exists");
        }

        await call.SayAsync($"Group {name} created, owned by {owner}", cancellationToken);
        var value = new JsonObject { ["group"] = name, ["owner"] = owner };
        if (key is not null)
        {
            value["public_key"] = key.PublicKey.ToJson();
        }

        return Ok(value);
    }
}
