using System.Text.Json.Nodes;
using Rampart.Bastion.Host;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Self;

/// <summary><c>info</c>: who you are on this bastion and the bastion's policy; admins and auditors also see the admins.</summary>
public sealed class InfoPlugin : OshPlugin
{
    public override string Name => "info";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Show who you are and this bastion's policy";

    public override PluginTraits Traits => PluginTraits.MfaSetupNotRequired;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var me = call.Caller;
        var settings = call.Services.Settings;
        var value = new JsonObject { ["account"] = me.Name };
        if (me.IsAuditor)
        {
            value["is_auditor"] = 1;
        }

        if (me.IsSuperOwner)
        {
            value["is_superowner"] = 1;
        }

        if (me.IsAdmin)
        {
            value["is_admin"] = 1;
        }

        // The configured bastion_command (The Bastion's bastionCommand), placeholders filled: the command itself, not an alias line.
        var aliasCommand = settings.CommandFor(me.Name);
        value["bastion_alias_command"] = aliasCommand;
        Accounts.AccountViews.AddMfaFlags(value, me, withPam: false);
        ShadowPassword.Read(me.Name)?.AddTo(value);
        value["hostname"] = Environment.MachineName;
        value["bastion_name"] = settings.Name;
        value["registered_accounts"] = call.Snapshot.Accounts.Count;
        value["registered_groups"] = call.Snapshot.Groups.Count;
        value["slave_mode"] = 0;
        value["allowed_networks_list"] = new JsonArray();
        value["forbidden_networks_list"] = new JsonArray();
        value["egress_ip_list"] = new JsonArray([.. (call.Services.Settings.EgressKeysFrom ?? []).Select(ip => JsonValue.Create(ip))]);
        value["interactive_mode_allowed"] = settings.InteractiveModeAllowed ? 1 : 0;
        value["mosh_allowed"] = 0;
        value["account_expiration_days"] = settings.AccountMaxInactiveDays;
        value["idle_lock_timeout"] = (int)settings.IdleTimeouts.Lock.TotalSeconds;
        value["idle_kill_timeout"] = (int)settings.IdleTimeouts.Kill.TotalSeconds;
        value["ingress_keys_from_ip_list"] = new JsonArray([.. (call.Services.Settings.IngressKeysFrom ?? []).Select(ip => JsonValue.Create(ip))]);
        value["ingress_ssh_key_algorithms"] = new JsonArray("rsa", "ecdsa", "ed25519");
        value["egress_ssh_key_algorithms"] = new JsonArray("rsa", "ecdsa", "ed25519");
        value["ingress_rsa_min_size"] = 2048;
        value["ingress_rsa_max_size"] = 8192;
        value["egress_rsa_min_size"] = 2048;
        value["egress_rsa_max_size"] = 8192;

        await call.SayAsync($"You are {me.Name}, on bastion {settings.Name}.", cancellationToken);
        await call.SayAsync($"Your alias to connect to this bastion is: alias {settings.Name}='{aliasCommand}'", cancellationToken);
        if (me.IsAdmin || me.IsAuditor)
        {
            var admins = call.Snapshot.Accounts.Values.Where(a => a.IsAdmin).Select(a => a.Name).ToList();
            var superOwners = call.Snapshot.Accounts.Values.Where(a => a.IsSuperOwner).Select(a => a.Name).ToList();
            value["adminAccounts"] = new JsonArray([.. admins.Select(a => (JsonNode?)a)]);
            value["superOwnerAccounts"] = new JsonArray([.. superOwners.Select(a => (JsonNode?)a)]);
            await call.SayAsync($"My admins are: {string.Join(", ", admins)}", cancellationToken);
            await call.SayAsync($"My super owners are: {string.Join(", ", superOwners)}", cancellationToken);
        }

        return Ok(value);
    }
}
