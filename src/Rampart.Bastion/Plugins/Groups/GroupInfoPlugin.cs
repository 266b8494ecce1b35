using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary>
/// <c>groupInfo</c>: anyone sees a group's owners, gatekeepers and keys; those involved in it, superowners and
/// auditors also see its aclkeepers, members, guests and policies.
/// </summary>
public sealed class GroupInfoPlugin : OshPlugin
{
    public override string Name => "groupInfo";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Show the details of a group";

    public override IReadOnlyList<PluginOption> Options => [Text("group"), Switch("all"), Toggle("with-keys"), Toggle("with-everything")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var withKeys = call.Options.NegatableFlag("with-keys") ?? true;
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

        var group = call.ExistingGroup(call.Required("group"));
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
        var involved = group.RolesOf(call.Caller.Name).Count > 0 || call.Caller.IsSuperOwner || call.SeesEverything();
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
                view["guest_ttl_limit"] = (long)limit.TotalSeconds;
            }

            if (group.Settings.IdleLockTimeout is { } idleLock)
            {
                view["idle_lock_timeout"] = (long)idleLock.TotalSeconds;
            }

            if (group.Settings.IdleKillTimeout is { } idleKill)
            {
                view["idle_kill_timeout"] = (long)idleKill.TotalSeconds;
            }
        }

        var keys = new JsonObject();
        if (withKeys)
        {
            foreach (var key in group.EgressKeys)
            {
                keys[key.PublicKey.Fingerprint] = key.PublicKey.ToJson();
            }
        }

        view["keys"] = keys;
        return view;
    }

    private static JsonArray Names(IEnumerable<string> names) => [.. names.Select(n => (JsonNode?)n)];
}
