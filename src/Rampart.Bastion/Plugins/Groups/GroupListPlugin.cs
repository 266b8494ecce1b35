using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Bastion.Plugins.Accounts;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary><c>groupList</c>: the groups where you hold a role, or every group with <c>--all</c>.</summary>
public sealed class GroupListPlugin : OshPlugin
{
    public override string Name => "groupList";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "List the groups you belong to (or all of them with --all)";

    public override IReadOnlyList<PluginOption> Options => [Switch("all"), Many("include"), Many("exclude")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var all = call.Options.Flag("all");
        var include = call.Options.List("include").Select(NamePattern.Compile).ToList();
        var exclude = call.Options.List("exclude").Select(NamePattern.Compile).ToList();
        var value = new JsonObject();
        foreach (var group in call.Snapshot.Groups.Values)
        {
            var flags = AccountViews.Flags(group, call.Caller.Name);
            if ((flags.Count == 0 && !all)
                || (include.Count > 0 && !include.Any(p => p.IsMatch(group.Name)))
                || exclude.Any(p => p.IsMatch(group.Name)))
            {
                continue;
            }

            if (flags.Count == 0)
            {
                flags.Add("no-access");
            }

            value[group.Name] = new JsonObject { ["flags"] = flags };
            await call.SayAsync($"{group.Name,-20} {string.Join(", ", flags.Select(f => f!.GetValue<string>()))}", cancellationToken);
        }

        return value.Count == 0 ? Empty("You are not in any group yet") : Ok(value);
    }
}
