using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Core.Bastion.Mfa;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary>The JSON shapes The Bastion uses for account details, shared by the account and self plugins.</summary>
public static class AccountViews
{
    /// <summary>
    /// The per-account MFA flags The Bastion reports as 0/1 (its <c>mfa-*</c> groups), and with <paramref name="withPam"/>
    /// the PAM ones (<c>bastion-nopam</c>, <c>osh-pubkey-auth-optional</c>) that the account plugins add.
    /// </summary>
    public static void AddMfaFlags(JsonObject into, BastionAccount account, bool withPam = true)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(account);
        var mfa = account.MfaState;
        into["mfa_password_required"] = mfa.PasswordPolicy == FactorPolicy.Yes ? 1 : 0;
        into["mfa_password_bypass"] = mfa.PasswordPolicy == FactorPolicy.Bypass ? 1 : 0;
        into["mfa_password_configured"] = mfa.PasswordConfigured ? 1 : 0;
        into["mfa_totp_required"] = mfa.TotpPolicy == FactorPolicy.Yes ? 1 : 0;
        into["mfa_totp_bypass"] = mfa.TotpPolicy == FactorPolicy.Bypass ? 1 : 0;
        into["mfa_totp_configured"] = mfa.TotpConfigured ? 1 : 0;
        if (withPam)
        {
            into["pam_auth_bypass"] = mfa.PamAuthBypass ? 1 : 0;
            into["pubkey_auth_optional"] = 0;
        }
    }

    /// <summary>The Bastion's dates: <c>YYYY-MM-DD HH:MM:SS</c>, UTC.</summary>
    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static JsonObject? FreezeInfo(FreezeInfo? frozen) => frozen is null ? null : new JsonObject
    {
        ["by"] = frozen.By,
        ["timestamp"] = frozen.At.ToUnixTimeSeconds(),
        ["datetime_utc"] = Date(frozen.At),
        ["reason"] = frozen.Reason,
    };

    /// <summary>The roles of an account in a group, in The Bastion's words.</summary>
    public static JsonArray Flags(BastionGroup group, string account) =>
        [.. group.RolesOf(account).Select(role => (JsonNode?)role.ToString().ToLowerInvariant())];

    public static JsonObject Info(BastionAccount account, BastionSnapshot snapshot, bool withGroups, bool detailed, DateTimeOffset now, int bastionMaxInactiveDays)
    {
        var info = new JsonObject { ["account"] = account.Name };
        if (account.IsAdmin)
        {
            info["is_admin"] = 1;
        }

        if (account.IsSuperOwner)
        {
            info["is_superowner"] = 1;
        }

        if (account.IsAuditor)
        {
            info["is_auditor"] = 1;
        }

        info["allowed_commands"] = new JsonArray([.. account.Grants.Where(g => g != BastionAccount.AuditorGrant).Select(g => (JsonNode?)g)]);
        var groups = new JsonObject();
        if (withGroups)
        {
            foreach (var group in snapshot.GroupsOf(account.Name))
            {
                groups[group.Name] = new JsonObject { ["name"] = group.Name, ["flags"] = Flags(group, account.Name) };
            }
        }

        info["groups"] = groups;
        info["always_active"] = account.AlwaysActive ? 1 : 0;
        if (account.AlwaysActive)
        {
            info["always_active_reason"] = "account local configuration";
        }

        info["is_active"] = 1;
        if (detailed)
        {
            info["is_frozen"] = account.Frozen is null ? 0 : 1;
            if (account.Frozen is not null)
            {
                info["freeze_info"] = FreezeInfo(account.Frozen);
            }

            info["is_ttl_set"] = account.Expiry is null ? 0 : 1;
            info["ttl_timestamp"] = account.Expiry?.ToUnixTimeSeconds();
            info["is_ttl_expired"] = account.IsTtlExpired(now) ? 1 : 0;
            var expired = account.IsInactivityExpired(now, bastionMaxInactiveDays);
            info["is_expired"] = expired ? 1 : 0;
            info["can_connect"] = account.Frozen is null && !account.IsTtlExpired(now) && !expired ? 1 : 0;
            info["already_seen_before"] = account.LastLogin is null ? 0 : 1;
            info["last_activity"] = account.LastLogin is { } last ? new JsonObject
            {
                ["datetime_utc"] = Date(last),
                ["timestamp"] = last.ToUnixTimeSeconds(),
            } : null;
            info["creation_information"] = new JsonObject
            {
                ["by"] = account.CreatedBy,
                ["datetime_utc"] = Date(account.Created),
                ["timestamp"] = account.Created.ToUnixTimeSeconds(),
                ["comment"] = account.Comment,
            };
            // Settings this bastion doesn't have, at the values The Bastion reports when they are not set.
            info["account_egress_ssh_config"] = new JsonObject { ["type"] = "default" };
            info["ingress_piv_enforced"] = 0;
            info["ingress_piv_policy"] = null;
            info["ingress_piv_grace"] = new JsonObject { ["enabled"] = 0 };
            info["global_ingress_policy"] = 0;
            info["effective_ingress_piv_policy"] = 0;
            AddMfaFlags(info, account);
            info["personal_egress_mfa_required"] = MfaKinds.Text(account.MfaState.PersonalEgress);
            info["idle_ignore"] = account.IdleIgnore ? 1 : 0;
            info["max_inactive_days"] = account.MaxInactiveDays;
            info["osh_only"] = account.OshOnly ? 1 : 0;
        }

        return info;
    }
}
