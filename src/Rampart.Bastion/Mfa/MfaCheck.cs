using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Osh;
using Rampart.Core.Audit;
using Rampart.Core.Bastion.Mfa;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Mfa;

/// <summary>
/// Asks an account for its second factors and checks them, as The Bastion's PAM stack does through <c>pamtester</c>:
/// every configured factor (the MFA password, then the TOTP code), three rounds at most, a pause after a wrong answer.
/// A TOTP code is good once. Every check, passed or failed, is audited.
/// </summary>
public static class MfaCheck
{
    private const int Rounds = 3;
    private static readonly TimeSpan s_failurePause = TimeSpan.FromSeconds(2);

    public const string FailedMessage = "Sorry, but Multi-Factor Authentication failed, couldn't complete the requested action";

    /// <summary>True when the account answered every configured factor right within the rounds allowed.</summary>
    public static async Task<bool> ValidateAsync(
        BastionServices services, OshCaller caller, OshTerminal terminal, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(terminal);
        for (var round = 1; round <= Rounds; round++)
        {
            var account = services.Directory.Current.Account(caller.Account.Name) ?? caller.Account;
            var mfa = account.MfaState;
            if (mfa.IsLocked(services.Time.GetUtcNow()))
            {
                // Guessing is slowed down twice: a pause after each wrong answer, and a lock after too many in a row.
                await terminal.WriteErrorLineAsync(
                    $"Too many failed MFA attempts, your factors are locked until {mfa.LockedUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", cancellationToken);
                break;
            }

            if (!mfa.AnyConfigured)
            {
                // Nothing to ask is never a pass: the factors may have been removed since the caller looked.
                break;
            }

            var passed = true;
            if (mfa.PasswordConfigured)
            {
                var password = await SecretPrompt.AskAsync(terminal, "Password: ", cancellationToken);
                if (password is null)
                {
                    break;
                }

                passed = MfaPasswordHash.Verify(password, mfa.PasswordHash!);
            }

            if (passed && mfa.TotpConfigured)
            {
                var code = await SecretPrompt.AskAsync(terminal, "Verification code: ", cancellationToken);
                if (code is null)
                {
                    break;
                }

                passed = await AcceptTotpAsync(services, account, code, cancellationToken);
            }

            if (passed)
            {
                if (mfa.FailedRounds > 0)
                {
                    await MfaUpdates.ApplyAsync(services.Directory, account.Name, state => state with { FailedRounds = 0 }, cancellationToken);
                }

                Audit(services, caller, "mfa", "ok", reason);
                return true;
            }

            var now = services.Time.GetUtcNow();
            await MfaUpdates.ApplyAsync(services.Directory, account.Name, state => state.AfterFailure(now), cancellationToken);
            await terminal.WriteErrorLineAsync("Authentication failed", cancellationToken);
            await Task.Delay(s_failurePause, services.Time, cancellationToken);
        }

        Audit(services, caller, "mfa", "failed", reason);
        return false;
    }

    /// <summary>
    /// A just-in-time check for an action that requires <paramref name="required"/> (The Bastion's <c>do_jit_mfa</c>):
    /// null when the run may go on (not required, exempt, already validated, or answered right), else the refusal.
    /// </summary>
    public static async Task<OshRefusal?> JitAsync(
        BastionServices services, OshCaller caller, MfaKind required, string actionType, bool quiet, OshTerminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(terminal);
        if (required == MfaKind.None || services.Settings.AccountMfaPolicy == MfaPolicy.Disabled)
        {
            return null;
        }

        var self = caller.Account.Name;
        if (!quiet)
        {
            await terminal.WriteErrorLineAsync($"As this is required for this {actionType}, entering MFA phase for {self}.", cancellationToken);
        }

        switch (MfaRules.Jit(caller.Account.MfaState, required))
        {
            case JitMfa.NotRequired:
                return null;
            case JitMfa.Bypassed:
                if (!quiet)
                {
                    await terminal.WriteErrorLineAsync("... skipping as your account is exempt from MFA.", cancellationToken);
                }

                return null;
            case JitMfa.SetupRequired:
                return SetupRequired(self, required, $"for this {actionType},\n");
        }

        if (caller.MfaValidated)
        {
            if (!quiet)
            {
                await terminal.WriteErrorLineAsync("... you already validated MFA proactively.", cancellationToken);
            }

            return null;
        }

        return await ValidateAsync(services, caller, terminal, $"mfa required for {actionType}", cancellationToken)
            ? null
            : new OshRefusal("KO_MFA_FAILED", FailedMessage, OshExitCode.MfaFailed);
    }

    /// <summary>
    /// Proactive MFA (<c>--proactive-mfa</c>, the interactive mode's <c>mfa</c>): the account's factors asked now, so that
    /// the just-in-time checks that follow do not ask again. Null when they were answered right, else the refusal (an
    /// account without any factor has nothing to answer with).
    /// </summary>
    public static async Task<OshRefusal?> ProactiveAsync(
        BastionServices services, OshCaller caller, OshTerminal terminal, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(caller);
        var account = services.Directory.Current.Account(caller.Account.Name) ?? caller.Account;
        if (!account.MfaState.AnyConfigured)
        {
            return SetupRequired(account.Name, MfaKind.Any, "first,\n");
        }

        return await ValidateAsync(services, caller with { Account = account }, terminal, reason, cancellationToken)
            ? null
            : new OshRefusal("KO_MFA_FAILED", FailedMessage, OshExitCode.MfaFailed);
    }

    /// <summary>The refusal for a factor that must be set up first (exit 122, 123 or 124), worded as The Bastion's.</summary>
    public static OshRefusal SetupRequired(string self, MfaKind kind, string forWhat) => kind switch
    {
        MfaKind.Password => new OshRefusal("KO_MFA_PASSWORD_SETUP_REQUIRED",
            $"Sorry {self}, but you need to setup the Multi-Factor Authentication {forWhat}please use the `--osh selfMFASetupPassword' option to do so",
            OshExitCode.MfaPasswordSetupRequired),
        MfaKind.Totp => new OshRefusal("KO_MFA_TOTP_SETUP_REQUIRED",
            $"Sorry {self}, but you need to setup the Multi-Factor Authentication {forWhat}please use the `--osh selfMFASetupTOTP' option to do so",
            OshExitCode.MfaTotpSetupRequired),
        _ => new OshRefusal("KO_MFA_ANY_SETUP_REQUIRED",
            $"Sorry {self}, but you need to setup the Multi-Factor Authentication {forWhat}please use either the `--osh selfMFASetupPassword' or the "
            + "`--osh selfMFASetupTOTP' option, at your discretion, to do so",
            OshExitCode.MfaAnySetupRequired),
    };

    /// <summary>What the grants behind a connection require: a group's <c>mfa_required</c>, the account's personal rule.</summary>
    public static MfaKind RequiredFor(BastionSnapshot snapshot, BastionAccount account, IEnumerable<Core.Bastion.Access.AccessGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(grants);
        var required = MfaKind.None;
        foreach (var grant in grants)
        {
            var kind = grant.Group is { } name
                ? MfaKinds.Parse(snapshot.Group(name)?.Settings.MfaRequired) ?? MfaKind.None
                : account.MfaState.PersonalEgress;
            required = MfaKinds.Strictest(required, kind);
        }

        return required;
    }

    /// <summary>Checks a TOTP code and, when it is good, remembers its step so that it cannot be used again.</summary>
    private static async Task<bool> AcceptTotpAsync(BastionServices services, BastionAccount account, string code, CancellationToken cancellationToken)
    {
        var secret = services.Cipher.Open(account.MfaState.SealedTotpSecret!, AccountMfa.TotpVaultOwner(account.Name));
        try
        {
            return await services.Directory.ChangeAsync(snapshot =>
            {
                // Checked again under the change lock: two sessions must not both spend the same code.
                if (snapshot.Account(account.Name) is not { Mfa: { } mfa } current
                    || Totp.Verify(secret, code, services.Time.GetUtcNow(), mfa.TotpLastStep) is not { } step)
                {
                    return ((BastionSnapshot?)null, false);
                }

                return (snapshot.With(current with { Mfa = mfa with { TotpLastStep = step } }), true);
            }, cancellationToken);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static void Audit(BastionServices services, OshCaller caller, string action, string outcome, string detail) =>
        services.Audit.Record(new AuditEvent(services.Time.GetUtcNow(), "bastion:" + caller.Account.Name, caller.SourceIp ?? "local", action, null, outcome, detail));
}
