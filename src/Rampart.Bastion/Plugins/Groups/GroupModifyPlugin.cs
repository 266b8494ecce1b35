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
    public override string Name => "groupModify";

    public override PluginCategory Category => PluginCategory.GroupOwner;

    public override string Summary => "Change the policies of a group";

    public override IReadOnlyList<PluginOption> Options =>
        [Text("group"), Text("mfa-required"), Text("idle-lock-timeout"), Text("idle-kill-timeout"), Text("guest-ttl-limit")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var group = call.ExistingGroup(call.Required("group"));
        await call.RequireRoleAsync(group, GroupRole.Owner, cancellationToken);
        var settings = group.Settings;
        var value = new JsonObject();
        var given = false;

        if (call.Options.String("mfa-required") is { } mfa)
        {
            given = true;
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

            given = true;
            TimeSpan? duration = text is "0" or "-1" ? null
                : TtlText.TryParse(text, out var parsed) ? parsed
                : throw new PluginFailureException("ERR_INVALID_PARAMETER", $"Invalid duration for --{option}: '{text}'");
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

        if (!given)
        {
            return Fail("ERR_MISSING_PARAMETER", "Nothing to modify: give at least one option");
        }

        if (settings != group.Settings)
        {
            await call.Services.Directory.ChangeAsync(snapshot =>
                (snapshot.With(snapshot.Group(group.Name)! with { Settings = settings }), true), cancellationToken);
        }

        await call.SayAsync($"Group {group.Name} modified", cancellationToken);
        return Ok(value);
    }

    private static JsonObject SubResult(bool unchanged) => new()
    {
        ["error_code"] = unchanged ? "OK_NO_CHANGE" : "OK",
        ["error_message"] = unchanged ? "OK_NO_CHANGE" : "OK",
        ["value"] = null,
    };
}
