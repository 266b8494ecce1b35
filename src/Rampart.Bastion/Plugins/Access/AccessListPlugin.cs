using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Access;

/// <summary><c>selfListAccesses</c> / <c>accountListAccesses</c>: every server an account may reach, and through what.</summary>
public sealed class AccessListPlugin(bool self) : OshPlugin
{
    public override string Name => self ? "selfListAccesses" : "accountListAccesses";

    public override PluginCategory Category => self ? PluginCategory.Open : PluginCategory.Restricted;

    public override string Summary => self ? "List the servers you can reach" : "List the servers an account can reach";

    public override IReadOnlyList<PluginOption> Options =>
        [.. self ? [] : new[] { Text("account") }, Switch("hide-groups"), Switch("reverse-dns"), Many("include"), Many("exclude")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var account = self ? call.Caller : call.ExistingAccount(call.Required("account"));
        var lists = AccessResolution.Lists(call.Snapshot, account, call.Now);
        if (lists.Count == 0)
        {
            return Empty($"{(self ? "You have" : $"Account {account.Name} has")} no access to any server");
        }

        // As The Bastion's print_acls: the patterns filter the text rows only (any field may match), never the JSON.
        var include = call.Options.List("include").Select(NamePattern.Compile).ToList();
        var exclude = call.Options.List("exclude").Select(NamePattern.Compile).ToList();
        var value = new JsonArray();
        foreach (var list in lists)
        {
            var block = new JsonObject { ["type"] = list.Type };
            if (list.Group is not null)
            {
                block["group"] = list.Group;
            }

            block["acl"] = new JsonArray([.. list.Entries.Select(e => (JsonNode?)e.ToJson())]);
            value.Add(block);
            if (!(call.Options.Flag("hide-groups") && list.Group is not null))
            {
                foreach (var entry in list.Entries)
                {
                    string[] fields = [entry.IpText, entry.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*", entry.User ?? "*",
                        list.Group is null ? list.Type : $"{list.Type} of {list.Group}", entry.AddedBy, entry.Comment ?? "-"];
                    if (exclude.Any(p => fields.Any(p.IsMatch)) || (include.Count > 0 && !include.Any(p => fields.Any(p.IsMatch))))
                    {
                        continue;
                    }

                    await call.SayAsync($"{fields[2]}@{fields[0]}:{fields[1]} ({fields[3]})", cancellationToken);
                }
            }
        }

        return Ok(value);
    }
}
