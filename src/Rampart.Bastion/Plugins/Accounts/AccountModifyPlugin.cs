using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Bastion.Plugins.Accounts;

/// <summary>
/// <c>accountModify</c>: per-account settings. Every value is checked first, as The Bastion does, so one bad value
/// changes nothing. Then each option given gets its own sub-result in the value, keyed by the option's name with
/// underscores: <c>OK</c>, <c>OK_NO_CHANGE</c>, or <c>ERR_UNSUPPORTED_FEATURE</c> for a setting this bastion lacks
/// (asking for the value it always has is <c>OK_NO_CHANGE</c>). The top-level code is <c>OK</c>, as in The Bastion.
/// </summary>
public sealed class AccountModifyPlugin : OshPlugin
{
    private static readonly string[] s_yesNo = ["yes", "no"];

    // Per-account ssh settings have no counterpart here: the values accepted, and the one in effect.
    private static readonly (string Option, string[] Values, string Current)[] s_unsupported =
    [
        ("egress-strict-host-key-checking", ["yes", "accept-new", "no", "ask", "default", "bypass"], "default"),
        ("egress-session-multiplexing", ["yes", "no", "default"], "default"),
        ("pubkey-auth-optional", s_yesNo, "no"),
    ];

    // The MFA settings (The Bastion's mfa-* and bastion-nopam groups) and the values each takes.
    private static readonly (string Option, string[] Values)[] s_mfa =
    [
        ("pam-auth-bypass", s_yesNo),
        ("mfa-password-required", ["yes", "no", "bypass"]),
        ("mfa-totp-required", ["yes", "no", "bypass"]),
        ("personal-egress-mfa-required", ["password", "totp", "any", "none"]),
    ];

    public override string Name => "accountModify";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Change the settings of an account";

    public override IReadOnlyList<PluginOption> Options =>
        [Text("account"), Text("always-active"), Text("osh-only"), Text("idle-ignore"), Number("max-inactive-days"), .. s_mfa.Select(o => Text(o.Option)),
            .. s_unsupported.Select(o => Text(o.Option))];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var account = call.ExistingAccount(call.Required("account"));
        var given = Options.Select(o => o.Name).Where(name => name != "account" && Given(call, name)).ToList();
        if (given.Count == 0)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter to modify account");
        }

        foreach (var (option, values) in s_unsupported.Select(o => (o.Option, o.Values)).Concat(s_mfa).Prepend(("idle-ignore", s_yesNo)).Prepend(("osh-only", s_yesNo)).Prepend(("always-active", s_yesNo)))
        {
            if (call.Options.String(option) is { } text && !values.Contains(text))
            {
                return Fail("ERR_INVALID_PARAMETER", $"Expected one of {string.Join(", ", values.Select(v => $"'{v}'"))} for --{option} instead of '{text}'");
            }
        }

        if (call.Options.Integer("max-inactive-days") is < -1)
        {
            return Fail("ERR_INVALID_PARAMETER", "Expected -1, 0, or a strictly positive number of days as parameter to --max-inactive-days");
        }

        if (account.IsAdmin && !call.Caller.IsAdmin)
        {
            return Fail("ERR_SECURITY_VIOLATION", "You can't modify the account of an admin without being admin yourself");
        }

        var value = new JsonObject();
        var alwaysActive = Apply(call, value, "always-active", account.AlwaysActive);
        var oshOnly = Apply(call, value, "osh-only", account.OshOnly);
        var idleIgnore = Apply(call, value, "idle-ignore", account.IdleIgnore);
        foreach (var (option, _, current) in s_unsupported)
        {
            if (call.Options.String(option) is { } text)
            {
                value[Key(option)] = text == current
                    ? SubResult("OK_NO_CHANGE", $"--{option} is already {current}")
                    : SubResult("ERR_UNSUPPORTED_FEATURE", $"--{option} {text} is not supported on this bastion, which has no such setting");
            }
        }

        var maxInactiveDays = account.MaxInactiveDays;
        if (call.Options.Integer("max-inactive-days") is { } days)
        {
            // -1: the bastion's policy; 0: never expired for inactivity; N: after N days without a login.
            int? wanted = days == -1 ? null : days;
            var text = days.ToString(CultureInfo.InvariantCulture);
            value[Key("max-inactive-days")] = wanted == account.MaxInactiveDays
                ? SubResult("OK_NO_CHANGE", $"--max-inactive-days is already {text}")
                : SubResult("OK", $"--max-inactive-days is now {text}");
            maxInactiveDays = wanted;
        }

        var mfa = ApplyMfa(call, value, account.MfaState);
        if (alwaysActive != account.AlwaysActive || oshOnly != account.OshOnly || idleIgnore != account.IdleIgnore || maxInactiveDays != account.MaxInactiveDays || mfa != account.MfaState)
        {
            await call.Services.Directory.ChangeAsync(snapshot =>
                (snapshot.With(snapshot.Account(account.Name)! with
                {
                    AlwaysActive = alwaysActive, OshOnly = oshOnly, IdleIgnore = idleIgnore, MaxInactiveDays = maxInactiveDays,
                    Mfa = snapshot.Account(account.Name)!.MfaState with
                    {
                        PamAuthBypass = mfa.PamAuthBypass, PasswordPolicy = mfa.PasswordPolicy, TotpPolicy = mfa.TotpPolicy, PersonalEgress = mfa.PersonalEgress,
                    },
                }), true),
                cancellationToken);
        }

        foreach (var (key, result) in value)
        {
            await call.SayAsync($"{key}: {result!["error_message"]!.GetValue<string>()}", cancellationToken);
        }

        return Ok(value);
    }

    /// <summary>The MFA rules after the change, each option given with its sub-result added to <paramref name="value"/>.</summary>
    private static AccountMfa ApplyMfa(PluginCall call, JsonObject value, AccountMfa mfa)
    {
        var pamBypass = Apply(call, value, "pam-auth-bypass", mfa.PamAuthBypass);
        var password = ApplyChoice(call, value, "mfa-password-required", mfa.PasswordPolicy, MfaPolicies.Text, MfaPolicies.ParseFactor);
        var totp = ApplyChoice(call, value, "mfa-totp-required", mfa.TotpPolicy, MfaPolicies.Text, MfaPolicies.ParseFactor);
        var personal = ApplyChoice(call, value, "personal-egress-mfa-required", mfa.PersonalEgress, MfaKinds.Text, MfaKinds.Parse);
        return mfa with { PamAuthBypass = pamBypass, PasswordPolicy = password, TotpPolicy = totp, PersonalEgress = personal };
    }

    private static T ApplyChoice<T>(PluginCall call, JsonObject value, string option, T current, Func<T, string> text, Func<string, T?> parse)
        where T : struct, Enum
    {
        if (call.Options.String(option) is not { } given || parse(given) is not { } wanted)
        {
            return current;
        }

        value[Key(option)] = EqualityComparer<T>.Default.Equals(wanted, current)
            ? SubResult("OK_NO_CHANGE", $"--{option} is already {text(current)}")
            : SubResult("OK", $"--{option} is now {given}");
        return wanted;
    }

    private static bool Given(PluginCall call, string option) =>
        option == "max-inactive-days" ? call.Options.Integer(option) is not null : call.Options.String(option) is not null;

    /// <summary>The yes/no setting after the change, with its sub-result added to <paramref name="value"/>.</summary>
    private static bool Apply(PluginCall call, JsonObject value, string option, bool current)
    {
        if (call.Options.String(option) is not { } text)
        {
            return current;
        }

        var on = text == "yes";
        value[Key(option)] = on == current
            ? SubResult("OK_NO_CHANGE", $"--{option} is already {text}")
            : SubResult("OK", $"--{option} is now {text}");
        return on;
    }

    private static string Key(string option) => option.Replace('-', '_');

    private static JsonObject SubResult(string code, string message) => new() { ["error_code"] = code, ["error_message"] = message, ["value"] = null };
}
