namespace Rampart.Bastion.Plugins;

/// <summary>How a plugin departs from the usual handling (The Bastion keeps these in each plugin's <c>.json</c>).</summary>
[Flags]
public enum PluginTraits
{
    None = 0,

    /// <summary>Unknown options are left to the plugin among its positionals (the reference's <c>allowUnknownOptions</c>).</summary>
    AllowUnknownOptions = 1,

    /// <summary>
    /// The plugin reaches a host for the caller without a terminal to prompt on (scp, sftp): The Bastion's
    /// <c>jit_mfa: token</c>. <c>--generate-mfa-token</c> checks the access and answers <c>MFA_TOKEN=notrequired</c>
    /// (this bastion has no MFA), and <c>--mfa-token</c> is accepted.
    /// </summary>
    MfaToken = 2,
}
