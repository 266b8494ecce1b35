using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary>
/// <c>accountModify</c>: per-account settings. Each option given gets its own sub-result in the value, keyed by the
/// option's name with underscores (<c>OK</c>, <c>OK_NO_CHANGE</c>, or an error for settings this bastion lacks).
/// </summary>
public sealed class AccountModifyPlugin : OshPlugin
{
    // MFA, PAM and per-account ssh settings have no counterpart here yet: they are accepted and answered one by one.
    private static readonly string[] s_unsupported =
    [
        "pam-auth-bypass", "mfa-password-required", "mfa-totp-required", "egress-strict-host-key-checking", "egress-session-multiplexing",
        "personal-egress-mfa-required", "idle-ignore", "max-inactive-days", "pubkey-auth-optional",
    ];

    public override string Name => "accountModify";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Change the settings of an account";

    public override IReadOnlyList<PluginOption> Options =>
        [Text("account"), Text("always-active"), Text("osh-only"), .. s_unsupported.Select(o => Text(o))];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var account = call.ExistingAccount(call.Required("account"));
        if (account.IsAdmin && !call.Caller.IsAdmin)
        {
            return Fail("ERR_SECURITY_VIOLATION", "Only admins may modify an admin account");
        }

        var value = new JsonObject();
        var updated = account;
        foreach (var (option, apply, current) in new (string, Func<BastionAccount, bool, BastionAccount>, bool)[]
        {
            ("always-active", (a, on) => a with { AlwaysActive = on }, account.AlwaysActive),
            ("osh-only", (a, on) => a with { OshOnly = on }, account.OshOnly),
        })
        {
            if (call.Options.String(option) is not { } text)
            {
                continue;
            }

            if (text is not ("yes" or "no"))
            {
                return Fail("ERR_INVALID_PARAMETER", $"--{option} expects yes or no");
            }

            var on = text == "yes";
            value[option.Replace('-', '_')] = SubResult(on == current ? "OK_NO_CHANGE" : "OK");
            updated = apply(updated, on);
        }

        foreach (var option in s_unsupported)
        {
            if (call.Options.String(option) is not null)
            {
                value[option.Replace('-', '_')] = SubResult("ERR_UNSUPPORTED_FEATURE");
            }
        }

        if (value.Count == 0)
        {
            return Fail("ERR_MISSING_PARAMETER", "Nothing to modify: give at least one option");
        }

        if (!ReferenceEquals(updated, account))
        {
            await call.Services.Directory.ChangeAsync(snapshot =>
                (snapshot.With(snapshot.Account(account.Name)! with { AlwaysActive = updated.AlwaysActive, OshOnly = updated.OshOnly }), true), cancellationToken);
        }

        await call.SayAsync($"Account {account.Name} modified", cancellationToken);
        return Ok(value);
    }

    private static JsonObject SubResult(string code) => new() { ["error_code"] = code, ["error_message"] = code, ["value"] = null };
}
