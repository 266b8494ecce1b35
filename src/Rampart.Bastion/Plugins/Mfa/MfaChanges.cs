using Rampart.Bastion.Mfa;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Bastion.Plugins.Mfa;

/// <summary>What the MFA plugins share: the policy check and one way to change an account's factors.</summary>
internal static class MfaChanges
{
    public static void RequireEnabled(PluginCall call)
    {
        if (call.Services.Settings.AccountMfaPolicy == MfaPolicy.Disabled)
        {
            throw new PluginFailureException("ERR_DISABLED_BY_POLICY", "Sorry, Multi-Factor Authentication has been disabled by policy on this bastion");
        }
    }

    /// <summary>Applies <paramref name="change"/> to the account's current MFA state; false when it changed nothing.</summary>
    public static Task<bool> UpdateAsync(PluginCall call, string account, Func<AccountMfa, AccountMfa> change, CancellationToken cancellationToken) =>
        MfaUpdates.ApplyAsync(call.Services.Directory, account, change, cancellationToken);
}
