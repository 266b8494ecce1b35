using Rampart.Bastion.Mfa;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Bastion.Plugins.Mfa;

/// <summary>
/// <c>selfMFASetupPassword</c>: sets or changes the account's MFA password, asked at every login from then on. As
/// <c>passwd</c> does for The Bastion, a password already set must be given first, and the new one twice; nothing
/// typed is echoed on a terminal. Only its hash is kept.
/// </summary>
public sealed class SelfMfaSetupPasswordPlugin : OshPlugin
{
    public override string Name => "selfMFASetupPassword";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Setup an additional credential (password) to access your account";

    public override PluginTraits Traits => PluginTraits.MfaSetupNotRequired;

    public override IReadOnlyList<PluginOption> Options => [Switch("yes")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        MfaChanges.RequireEnabled(call);
        var terminal = call.Terminal;
        var current = call.Caller.MfaState;
        await terminal.WriteErrorLineAsync(current.PasswordConfigured ? "Changing your MFA password." : "Setting up your MFA password.", cancellationToken);
        if (current.PasswordConfigured)
        {
            var old = await SecretPrompt.AskAsync(terminal, "Current password: ", cancellationToken);
            if (old is null || !MfaPasswordHash.Verify(old, current.PasswordHash!))
            {
                return Fail("ERR_PASSWD_FAILED", "Authentication failed: the current password is not right, nothing was changed");
            }
        }

        var first = await SecretPrompt.AskAsync(terminal, "New password: ", cancellationToken);
        if (first is null)
        {
            return Fail("ERR_PASSWD_FAILED", "Aborted, nothing was changed");
        }

        if (first.Length < MfaPasswordHash.MinimumLength)
        {
            return Fail("ERR_PASSWD_FAILED", $"BAD PASSWORD: it is shorter than {MfaPasswordHash.MinimumLength} characters, nothing was changed");
        }

        if (await SecretPrompt.AskAsync(terminal, "Retype new password: ", cancellationToken) != first)
        {
            return Fail("ERR_PASSWD_FAILED", "Sorry, passwords do not match, nothing was changed");
        }

        var hash = MfaPasswordHash.Create(first);
        await MfaChanges.UpdateAsync(call, call.Caller.Name, mfa => mfa with { PasswordHash = hash, PasswordChanged = call.Now }, cancellationToken);
        const string Message = "Your MFA password has been set, it will be asked at your next logins";
        await call.SayAsync(Message, cancellationToken);
        return new OshEnvelope(Name, "OK", Message, null);
    }
}
