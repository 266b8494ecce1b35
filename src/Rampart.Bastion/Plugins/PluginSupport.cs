using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Names;

namespace Rampart.Bastion.Plugins;

/// <summary>Checks that most plugins share, each failing with The Bastion's own code and wording.</summary>
public static class PluginSupport
{
    public static string Required(this PluginCall call, string option) =>
        call.Options.String(option) is { Length: > 0 } value
            ? value
            : throw new PluginFailureException("ERR_MISSING_PARAMETER", $"Missing mandatory parameter --{option}");

    /// <summary>An egress public key as servers must install it: with the bastion's <c>from="…"</c>.</summary>
    public static Core.Bastion.Keys.SshPublicKey Shown(this PluginCall call, EgressKey key) =>
        key.PublicKey with { Prefix = call.Services.Settings.EgressKeyPrefix };

    public static BastionAccount ExistingAccount(this PluginCall call, string name) =>
        call.Snapshot.Account(name) ?? throw new PluginFailureException("KO_NOT_FOUND", $"Account '{name}' doesn't exist");

    /// <summary>
    /// The group a <c>--group</c> option names, checked as the reference's <c>is_valid_group_and_existing</c> does:
    /// "keyG" is read as the system name of G, a malformed name fails with its own KO_ code, an unknown one with
    /// KO_GROUP_NOT_FOUND.
    /// </summary>
    public static BastionGroup ExistingGroup(this PluginCall call, string name)
    {
        var shortName = GroupName.HasKeyPrefix(name) ? name[GroupName.SystemPrefix.Length..] : name;
        if (shortName.Length > 0 && GroupName.Check(shortName) is { Ok: false } bad)
        {
            throw new PluginFailureException(bad.ErrorCode!, bad.Message!);
        }

        return call.Snapshot.Group(shortName) ?? throw new PluginFailureException("KO_GROUP_NOT_FOUND",
            $"The bastion group '{shortName}' doesn't exist.\nYou may use groupList --all to see all existing groups.");
    }

    /// <summary>
    /// The caller must hold <paramref name="role"/> on this very group; superowners and admins pass with the override
    /// notice The Bastion prints.
    /// </summary>
    public static async Task RequireRoleAsync(this PluginCall call, BastionGroup group, GroupRole role, CancellationToken cancellationToken)
    {
        if (group.Has(call.Caller.Name, role))
        {
            return;
        }

        if (call.Caller.IsSuperOwner || call.Caller.IsAdmin)
        {
            await call.SayAsync($"SUPER OWNER OVERRIDE: you are not a {role.ToString().ToLowerInvariant()} of group {group.Name}, but a superowner", cancellationToken);
            return;
        }

        var code = role switch
        {
            GroupRole.Owner => "ERR_NOT_GROUP_OWNER",
            GroupRole.Gatekeeper => "ERR_NOT_GROUP_GATEKEEPER",
            GroupRole.Aclkeeper => "ERR_NOT_GROUP_ACLKEEPER",
            _ => "ERR_NOT_ALLOWED",
        };
        throw new PluginFailureException(code, $"Sorry, you must be a {role.ToString().ToLowerInvariant()} of group {group.Name} to do that");
    }

    /// <summary>Admins and auditors see every account and group in full.</summary>
    public static bool SeesEverything(this PluginCall call) => call.Caller.IsAuditor || call.Caller.IsAdmin;
}
