using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;

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

    // MFA, PAM, idle and per-account ssh settings have no counterpart here: the values accepted, and the one in effect.
    private static readonly (string Option, string[] Values, string Current)[] s_unsupported =
    [
        ("pam-auth-bypass", s_yesNo, "no"),
        ("mfa-password-required", ["yes", "no", "bypass"], "no"),
        ("mfa-totp-required", ["yes", "no", "bypass"], "no"),
        ("egress-strict-host-key-checking", ["yes", "accept-new", "no", "ask", "default", "bypass"], "default"),
        ("egress-session-multiplexing", ["yes", "no", "default"], "default"),
        ("personal-egress-mfa-required", ["password", "totp", "any", "none"], "none"),
        ("idle-ignore", s_yesNo, "no"),
        ("pubkey-auth-optional", s_yesNo, "no"),
    ];

    public override string Name => "accountModify";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => "Change the settings of an account";

    public override IReadOnlyList<PluginOption> Options =>
        [Text("account"), Text("always-active"), Text("osh-only"), Number("max-inactive-days"), .. s_unsupported.Select(o => Text(o.Option))];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var account = call.ExistingAccount(call.Required("account"));
        var given = Options.Select(o => o.Name).Where(name => name != "account" && Given(call, name)).ToList();
        if (given.Count == 0)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter to modify account");
        }

        foreach (var (option, values) in s_unsupported.Select(o => (o.Option, o.Values)).Prepend(("osh-only", s_yesNo)).Prepend(("always-active", s_yesNo)))
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

        if (alwaysActive != account.AlwaysActive || oshOnly != account.OshOnly || maxInactiveDays != account.MaxInactiveDays)
        {
            await call.Services.Directory.ChangeAsync(snapshot =>
                (snapshot.With(snapshot.Account(account.Name)! with { AlwaysActive = alwaysActive, OshOnly = oshOnly, MaxInactiveDays = maxInactiveDays }), true),
                cancellationToken);
        }

        foreach (var (key, result) in value)
        {
            await call.SayAsync($"{key}: {result!["error_message"]!.GetValue<string>()}", cancellationToken);
        }

        return Ok(value);
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
