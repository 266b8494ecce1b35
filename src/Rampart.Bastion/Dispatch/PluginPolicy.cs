using Rampart.Bastion.Osh;
using Rampart.Bastion.Plugins;
using Rampart.Bastion.Plugins.Configuration;
using Rampart.Core.Bastion.Mfa;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Dispatch;

/// <summary>
/// What a plugin's configuration decides before it runs, as osh.pl does after its access checks: whether it is
/// disabled, and the factors it asks first. A plugin's built-in MFA rule wins over the file (The Bastion's
/// <c>/etc</c> file may only add keys the plugin's own JSON lacks).
/// </summary>
/// <param name="Config">The administrator's configuration, for the plugin itself to read.</param>
/// <param name="Mfa">The factors to ask before the plugin runs.</param>
/// <param name="Refusal">Why the plugin may not run at all; null when it may.</param>
/// <param name="Problem">The configuration error behind a refusal, for the audit trail (never shown to the account).</param>
internal sealed record PluginPolicy(PluginConfig Config, MfaKind Mfa, OshRefusal? Refusal, string? Problem = null)
{
    public static PluginPolicy For(IOshPlugin plugin, BastionAccount account, PluginConfigFiles files)
    {
        PluginConfig config;
        try
        {
            config = files.Read(plugin.Name);
        }
        catch (PluginConfigException e)
        {
            return new PluginPolicy(PluginConfig.None, MfaKind.None, new OshRefusal("KO_PLUGIN_DISABLED",
                $"Sorry {account.Name}, a configuration error prevents us to check whether this plugin is enabled, warn your sysadmin!",
                OshExitCode.RestrictedCommand), e.Message);
        }

        if (config.Disabled)
        {
            return new PluginPolicy(config, MfaKind.None,
                new OshRefusal("KO_PLUGIN_DISABLED", $"Sorry {account.Name}, this plugin has been disabled by policy.", OshExitCode.RestrictedCommand));
        }

        if (plugin.Traits.HasFlag(PluginTraits.MfaRequired) || plugin.Traits.HasFlag(PluginTraits.MfaIfConfigured))
        {
            var builtIn = plugin.Traits.HasFlag(PluginTraits.MfaRequired) || account.MfaState.AnyConfigured ? MfaKind.Any : MfaKind.None;
            return new PluginPolicy(config, builtIn, null);
        }

        MfaKind? mfa = config.MfaRequired switch
        {
            null or "none" => MfaKind.None,
            "password" => MfaKind.Password,
            "totp" => MfaKind.Totp,
            "any" => MfaKind.Any,
            "any-if-configured" => account.MfaState.AnyConfigured ? MfaKind.Any : MfaKind.None,
            _ => null,
        };
        return mfa is { } kind
            ? new PluginPolicy(config, kind, null)
            : new PluginPolicy(config, MfaKind.None, new OshRefusal("KO_MFA_PLUGIN_CONFIGURATION_FAILED",
                "MFA configuration is incorrect for this plugin, report to your sysadmin!", OshExitCode.MfaFailed),
                $"mfa_required '{config.MfaRequired}' is not one of password, totp, any, none, any-if-configured");
    }
}
