namespace Rampart.Bastion.Plugins;

/// <summary>How a plugin departs from the usual handling (The Bastion keeps these in each plugin's <c>.json</c>).</summary>
[Flags]
public enum PluginTraits
{
    None = 0,

    /// <summary>Unknown options are left to the plugin among its positionals (the reference's <c>allowUnknownOptions</c>).</summary>
    AllowUnknownOptions = 1,

    /// <summary>
    /// The plugin reaches a host for the caller without a terminal to prompt on (scp, sftp, rsync): The Bastion's
    /// <c>jit_mfa: token</c>. When the grants to the host require MFA, <c>--generate-mfa-token</c> asks for it and
    /// prints a token, and the transfer itself needs that token in <c>--mfa-token</c>.
    /// </summary>
    MfaToken = 2,

    /// <summary>Runs even when the account still has to set a factor up (<c>mfa_setup_not_required</c>): help, info, the setup plugins.</summary>
    MfaSetupNotRequired = 4,

    /// <summary>Asks the account's factors first when it has any (The Bastion's <c>mfa_required: any-if-configured</c>).</summary>
    MfaIfConfigured = 8,

    /// <summary>Asks the account's factors first (<c>mfa_required: any</c>).</summary>
    MfaRequired = 16,
}
