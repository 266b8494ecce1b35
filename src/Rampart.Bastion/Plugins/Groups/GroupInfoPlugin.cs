using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary>
/// <c>groupInfo</c>: anyone sees a group's owners, gatekeepers and keys; its owners, gatekeepers, aclkeepers and
/// members (not its guests), superowners and auditors also see its aclkeepers, members, guests and policies.
/// Policies are strings of seconds, as the reference reads them back from its files.
/// </summary>
public sealed class GroupInfoPlugin : OshPlugin
{
    public override string Name => "groupInfo";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Show the details of a group";

    public override IReadOnlyList<PluginOption> Options =>
        [Text("group"), Switch("all"), Switch("with-keys"), Switch("without-keys"), Switch("with-everything"), Switch("without-everything")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        // Keys are shown by default; a --with-* brings them back after a --without-*.
        var withKeys = call.Options.Flag("with-keys") || call.Options.Flag("with-everything")
            || !(call.Options.Flag("without-keys") || call.Options.Flag("without-everything"));
        var groupOption = call.Options.String("group");
        if (string.IsNullOrEmpty(groupOption) && !call.Options.Flag("all"))
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing '--group' or '--all' parameter");
        }

        if (call.Options.Flag("all"))
        {
            if (!call.SeesEverything())
            {
                return Fail("ERR_ACCESS_DENIED", "Only auditors may use --all");
            }

            var all = new JsonObject();
            foreach (var each in call.Snapshot.Groups.Values)
            {
                all[each.Name] = View(call, each, withKeys);
            }

            return Ok(all);
        }

        var group = call.ExistingGroup(groupOption!);
        await call.SayAsync($"Group {group.Name}: owners {string.Join(", ", group.Owners)}", cancellationToken);
        return Ok(View(call, group, withKeys));
    }

    private static JsonObject View(PluginCall call, BastionGroup group, bool withKeys)
    {
        var view = new JsonObject
        {
            ["group"] = group.Name,
            ["owners"] = Names(group.Owners),
            ["gatekeepers"] = Names(group.Gatekeepers),
        };
        var me = call.Caller.Name;
        var involved = group.Owners.Contains(me) || group.Gatekeepers.Contains(me) || group.Aclkeepers.Contains(me) || group.Members.Contains(me)
            || call.Caller.IsSuperOwner || call.SeesEverything();
        if (involved)
        {
            view["aclkeepers"] = Names(group.Aclkeepers);
            view["members"] = Names(group.Members);
            view["guests"] = Names(group.GuestAccesses.Keys);
            view["guests_accesses"] = new JsonObject([.. group.GuestAccesses.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Value.Length))]);
            view["inactive"] = new JsonArray();
            if (group.Settings.MfaRequired is { } mfa)
            {
                view["mfa_required"] = mfa;
            }

            if (group.Settings.GuestTtlLimit is { } limit)
            {
                view["guest_ttl_limit"] = Seconds(limit);
            }

            if (group.Settings.IdleKillTimeout is { } idleKill)
            {
                view["idle_kill_timeout"] = Seconds(idleKill);
            }

            if (group.Settings.IdleLockTimeout is { } idleLock)
            {
                view["idle_lock_timeout"] = Seconds(idleLock);
            }
        }

        // As in the reference, "keys" is only there when asked for and the group has some.
        if (withKeys && group.EgressKeys.Length > 0)
        {
            var keys = new JsonObject();
            foreach (var key in group.EgressKeys.OrderBy(k => k.Created))
            {
                keys[key.PublicKey.Fingerprint] = call.Shown(key).ToJson();
            }

            view["keys"] = keys;
        }

        return view;
    }

    private static string Seconds(TimeSpan duration) => ((long)duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonArray Names(IEnumerable<string> names) => [.. names.Select(n => (JsonNode?)n)];
}
