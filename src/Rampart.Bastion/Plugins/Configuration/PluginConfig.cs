namespace Rampart.Bastion.Plugins.Configuration;

/// <summary>
/// What an administrator set for one plugin in <c>plugin.NAME.conf</c> beside <c>bastion.conf</c> (The Bastion's
/// <c>/etc/bastion/plugin.NAME.conf</c>). Keys Rampart does not act on are read and ignored, as The Bastion ignores
/// keys a plugin does not know.
/// </summary>
/// <param name="Disabled">The plugin is refused to everyone (106 <c>KO_PLUGIN_DISABLED</c>).</param>
/// <param name="MfaRequired">The factors asked before the plugin runs, as written (<c>password</c>, <c>totp</c>,
/// <c>any</c>, <c>none</c>, <c>any-if-configured</c>); null when not set. Checked at dispatch, where a wrong value
/// refuses the plugin rather than running it without the factors the administrator wanted.</param>
/// <param name="WidestV4Prefix">For the personal access plugins: the widest IPv4 network an entry may name (0..32).</param>
/// <param name="SelfRemoteUserOnly">For the personal access plugins: the remote user must be the account's own name.</param>
public sealed record PluginConfig(bool Disabled, string? MfaRequired, int? WidestV4Prefix, bool SelfRemoteUserOnly)
{
    /// <summary>No file: every plugin's defaults.</summary>
    public static readonly PluginConfig None = new(false, null, null, false);
}
