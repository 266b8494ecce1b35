using System.Text.Json.Nodes;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Bastion.Plugins.Mfa;

/// <summary>
/// Removes a factor: <c>selfMFAResetPassword</c> and <c>selfMFAResetTOTP</c> for the caller (after its factors were
/// asked: <c>mfa_required: any</c>), <c>accountMFAResetPassword</c> and <c>accountMFAResetTOTP</c> for an account, as a
/// granted command (an admin's factors only by an admin); a lock after too many wrong answers goes with it.
/// <c>OK_NO_CHANGE</c> when the factor was not set up.
/// </summary>
public sealed class MfaResetPlugin(MfaKind factor, bool self) : OshPlugin
{
    private string FactorName => factor == MfaKind.Totp ? "TOTP" : "Password";

    public override string Name => (self ? "selfMFAReset" : "accountMFAReset") + FactorName;

    public override PluginCategory Category => self ? PluginCategory.Open : PluginCategory.Restricted;

    public override string Summary => self
        ? $"Remove the {FactorName} configuration of your account (MFA)"
        : $"Remove the {FactorName} configuration of an account (MFA)";

    public override PluginTraits Traits => self ? PluginTraits.MfaRequired : PluginTraits.None;

    public override IReadOnlyList<PluginOption> Options => self ? [] : [Text("account")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var account = self ? call.Caller : call.ExistingAccount(call.Options.String("account") is { Length: > 0 } name
            ? name
            : throw new PluginFailureException("ERR_MISSING_PARAMETER", "Expected an --account argument"));
        if (!self && account.IsAdmin && !call.Caller.IsAdmin)
        {
            return Fail("ERR_SECURITY_VIOLATION", $"You can't reset the {FactorName} of an admin without being admin yourself");
        }

        var changed = await MfaChanges.UpdateAsync(call, account.Name, mfa => factor == MfaKind.Totp
            ? mfa with { SealedTotpSecret = null, TotpLastStep = 0, FailedRounds = 0, LockedUntil = null }
            : mfa with { PasswordHash = null, PasswordChanged = null, FailedRounds = 0, LockedUntil = null }, cancellationToken);
        var whose = self ? "your account" : $"account {account.Name}";
        var (code, message) = changed
            ? ("OK", $"The MFA {FactorName} of {whose} has been removed")
            : ("OK_NO_CHANGE", $"No MFA {FactorName} was set up for {whose}");
        await call.SayAsync(message, cancellationToken);
        return new OshEnvelope(Name, code, message, new JsonObject { ["account"] = account.Name });
    }
}
