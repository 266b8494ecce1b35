using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Rampart.Bastion.Accounts;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Keys;
using Rampart.Core.Bastion.Names;
using Rampart.Shell.Keys;

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
        var name = call.Options.String("group");
        var owner = call.Options.String("owner");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(owner))
        {
            return Fail("ERR_MISSING_PARAMETER", "Group name or owner is missing");
        }

        // Checked first, as in the reference: elsewhere "keyG" is read as the system name of G.
        if (GroupName.HasKeyPrefix(name))
        {
            return Fail("ERR_INVALID_PARAMETER", GroupName.KeyPrefixMessage);
        }

        var algorithm = call.Options.String("algo");
        var size = call.Options.Integer("size");
        var noKey = call.Options.Flag("no-key");

        // Only ed25519 has an implied size; the other algorithms need --size.
        if (!noKey && (algorithm is null || (size is null && !string.Equals(algorithm, "ed25519", StringComparison.OrdinalIgnoreCase))))
        {
            return Fail("ERR_MISSING_PARAMETER", "Group algorithm or size is missing");
        }

        if (GroupName.Check(name) is { Ok: false } bad)
        {
            return Fail(bad.ErrorCode!, bad.Message!);
        }

        if (noKey && (algorithm is not null || size is not null || call.Options.Flag("encrypted")))
        {
            return Fail("ERR_INVALID_PARAMETER", "Can't specify 'no-key' along with 'algo', 'size' or 'encrypted'");
        }

        if (algorithm is not null && EgressKeyGenerator.CheckAlgorithm(algorithm, size) is { } refused)
        {
            return Fail(refused, KeyErrors.Describe(refused));
        }

        if (call.Options.Flag("encrypted"))
        {
            return Fail("ERR_UNSUPPORTED_FEATURE", "Passphrase-protected group keys are not supported: keys are sealed in the vault");
        }

        call.ExistingAccount(owner);
        if (call.Snapshot.Group(name) is not null)
        {
            return Fail("KO_ALREADY_EXISTING", $"The group {name} already exists");
        }

        if (call.Snapshot.Account(name) is not null)
        {
            return Fail("KO_ALREADY_EXISTING", $"The account {name} already exists");
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
            value["public_key"] = call.Shown(key).ToJson();
        }

        return Ok(value);
    }
}
