using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Groups;

/// <summary>
/// <c>groupModify</c>: a group's policies. The value holds one sub-result per option given, keyed by the option's
/// name with dashes as underscores, each <c>OK</c> or <c>OK_NO_CHANGE</c>, as The Bastion returns it.
/// </summary>
public sealed class GroupModifyPlugin : OshPlugin
{
    private static readonly string[] Changes = ["mfa-required", "idle-lock-timeout", "idle-kill-timeout", "guest-ttl-limit"];

    public override string Name => "groupModify";

    public override PluginCategory Category => PluginCategory.GroupOwner;

    public override string Summary => "Change the policies of a group";

    public override IReadOnlyList<PluginOption> Options =>
        [Text("group"), Text("mfa-required"), Text("idle-lock-timeout"), Text("idle-kill-timeout"), Text("guest-ttl-limit")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var groupOption = call.Required("group");
        if (!Changes.Any(o => call.Options.String(o) is { Length: > 0 }))
        {
            return Fail("ERR_MISSING_PARAMETER", "Nothing to modify");
        }

        var group = call.ExistingGroup(groupOption);
        await call.RequireRoleAsync(group, GroupRole.Owner, cancellationToken);
        var settings = group.Settings;
        var value = new JsonObject();

        if (call.Options.String("mfa-required") is { } mfa)
        {
            if (mfa is not ("password" or "totp" or "any" or "none"))
            {
                return Fail("ERR_INVALID_PARAMETER", "--mfa-required must be one of password, totp, any or none");
            }

            var wanted = mfa == "none" ? null : mfa;
            value["mfa_required"] = SubResult(settings.MfaRequired == wanted);
            settings = settings with { MfaRequired = wanted };
        }

        foreach (var (option, key) in new[] { ("idle-lock-timeout", "idle_lock_timeout"), ("idle-kill-timeout", "idle_kill_timeout"), ("guest-ttl-limit", "guest_ttl_limit") })
        {
            if (call.Options.String(option) is not { } text)
            {
                continue;
            }

            var duration = Duration(option, text);
            var before = option switch
            {
                "idle-lock-timeout" => settings.IdleLockTimeout,
                "idle-kill-timeout" => settings.IdleKillTimeout,
                _ => settings.GuestTtlLimit,
            };
            value[key] = SubResult(before == duration);
            settings = option switch
            {
                "idle-lock-timeout" => settings with { IdleLockTimeout = duration },
                "idle-kill-timeout" => settings with { IdleKillTimeout = duration },
                _ => settings with { GuestTtlLimit = duration },
            };
        }

        if (settings != group.Settings)
        {
            await call.Services.Directory.ChangeAsync(snapshot =>
                (snapshot.With(snapshot.Group(group.Name)! with { Settings = settings }), true), cancellationToken);
        }

        await call.SayAsync($"Group {group.Name} modified", cancellationToken);
        return Ok(value);
    }

    /// <summary>
    /// The stored value of one duration option, null meaning "not set here". As in the reference: an idle timeout of
    /// 0 disables it for this group and -1 goes back to the bastion-wide one; a guest TTL limit of 0 removes it and
    /// -1 is refused.
    /// </summary>
    private static TimeSpan? Duration(string option, string text)
    {
        if (text == "-1")
        {
            return option == "guest-ttl-limit"
                ? throw new PluginFailureException("ERR_INVALID_PARAMETER", "Invalid TTL (-1), expected an amount of seconds, or a duration string such as '2d8h15m'")
                : null;
        }

        if (!TtlText.TryParse(text, out var duration))
        {
            throw new PluginFailureException("KO_INVALID_PARAMETER", $"Invalid TTL ({text}), expected an amount of seconds, or a duration string such as '2d8h15m'");
        }

        return option == "guest-ttl-limit" && duration == TimeSpan.Zero ? null : duration;
    }

    private static JsonObject SubResult(bool unchanged) => new()
    {
        ["error_code"] = unchanged ? "OK_NO_CHANGE" : "OK",
        ["error_message"] = unchanged ? "OK_NO_CHANGE" : "OK",
        ["value"] = null,
    };
}
