using System.Text.Json.Nodes;
using Rampart.Bastion.Mfa;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Bastion.Plugins.Mfa;

/// <summary>
/// <c>selfMFASetupTOTP</c>: enrols an authenticator app. A fresh secret is shown (base32 and as an <c>otpauth://</c>
/// URI), then, unless <c>--no-confirm</c>, a code from the app must be typed to prove the enrolment worked. The secret
/// is sealed with the vault key; a TOTP already set up is replaced only after its current factors were asked (the
/// dispatcher does that: <c>any-if-configured</c>). Not from the interactive mode, as The Bastion.
/// </summary>
public sealed class SelfMfaSetupTotpPlugin : OshPlugin
{
    public override string Name => "selfMFASetupTOTP";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Setup an additional credential (TOTP) to access your account";

    public override PluginTraits Traits => PluginTraits.MfaSetupNotRequired | PluginTraits.MfaIfConfigured;

    public override IReadOnlyList<PluginOption> Options => [Switch("no-confirm")];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        MfaChanges.RequireEnabled(call);
        if (call.Invocation.InInteractiveSession)
        {
            return Fail("ERR_PRECONDITIONS_FAILED",
                $"For security reasons, this plugin can't be used in interactive mode.\nTo ensure you're the owner of the account, please call it the regular way (i.e. --osh {Name})");
        }

        var secret = Totp.NewSecret();
        try
        {
            var account = call.Caller.Name;
            var terminal = call.Terminal;
            await terminal.WriteErrorLineAsync("Add this secret to your authenticator app (it will not be shown again):", cancellationToken);
            await terminal.WriteErrorLineAsync($"  secret: {Base32.Encode(secret)}", cancellationToken);
            await terminal.WriteErrorLineAsync($"  uri:    {Totp.EnrolmentUri(call.Services.Settings.Name, account, secret)}", cancellationToken);
            var step = 0L;
            if (!call.Options.Flag("no-confirm"))
            {
                var code = await SecretPrompt.AskAsync(terminal, "Enter a code from your app to confirm: ", cancellationToken);
                if (code is null || Totp.Verify(secret, code, call.Now, 0) is not { } used)
                {
                    return Fail("ERR_TOTP_SETUP_FAILED", "Couldn't setup TOTP for your account, try again!");
                }

                step = used;
            }

            var sealedSecret = call.Services.Cipher.Seal(secret, AccountMfa.TotpVaultOwner(account));
            await MfaChanges.UpdateAsync(call, account, mfa => mfa with { SealedTotpSecret = sealedSecret, TotpLastStep = step }, cancellationToken);
            const string Message = "Your TOTP has been set up, a code from your app will be asked at your next logins";
            await call.SayAsync(Message, cancellationToken);
            return new OshEnvelope(Name, "OK", Message, new JsonObject { ["account"] = account });
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }
}
