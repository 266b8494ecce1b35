using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Egress;
using Rampart.Bastion.Osh;
using Rampart.Bastion.Mfa;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Bastion.Plugins.Transfer;

/// <summary>
/// What scp, sftp and rsync through the bastion share: the target (port 22 and the account's own name unless told
/// otherwise, as the clients themselves default), the protocol check, the greeting and the transfer itself. Human text
/// goes to stderr only: stdout carries the transfer protocol.
/// </summary>
public abstract class TransferPlugin : OshPlugin
{
    public override PluginCategory Category => PluginCategory.Open;

    private protected static async Task<TransferTarget> TargetAsync(PluginCall call, string protocol, string host, string? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (user is not null && !OshCommandLine.IsValidRemoteUser(user, allowWildcards: false))
        {
            throw new PluginFailureException("ERR_INVALID_PARAMETER", $"Remote user name '{user}' seems invalid");
        }

        var address = await HostResolution.AddressAsync(host, cancellationToken)
            ?? throw new PluginFailureException("ERR_HOST_NOT_FOUND", $"Sorry, couldn't resolve the host you specified ('{host}'), aborting.");
        return new TransferTarget(protocol, host, address, user ?? call.Caller.Name, call.Invocation.Port ?? 22);
    }

    /// <summary>Checks the ssh and protocol grants (refusing with The Bastion's messages), greets, then runs the remote end.</summary>
    private protected static async Task<PipeRelayResult> TransferAsync(
        PluginCall call, TransferTarget target, string greeting, string remoteCommand, bool subsystem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        var access = ProtocolAccess.Decide(call.Snapshot, call.Caller, HostResolution.OneAddress(target.Address), target.User, target.Port,
            target.Protocol, target.Machine, call.Now);
        if (access.Refusal is { } refusal)
        {
            throw FileTransfer.Denied(call, target, refusal);
        }

        RequireMfaToken(call, target, access.Grants);

        await call.Terminal.WriteErrorLineAsync($">>> Hello {call.Caller.Name}, {greeting} {target.Machine}...", cancellationToken);
        return await FileTransfer.RunAsync(call, target, access, remoteCommand, subsystem, cancellationToken);
    }

    /// <summary>
    /// A transfer cannot prompt (its stdin and stdout carry the protocol), so when the grants to the host require MFA it
    /// needs the token <c>--generate-mfa-token</c> gave after asking (The Bastion's <c>jit_mfa: token</c>); rsync, which
    /// The Bastion leaves unchecked, is held to the same rule here.
    /// </summary>
    private static void RequireMfaToken(PluginCall call, TransferTarget target, IReadOnlyList<AccessGrant> grants)
    {
        var required = MfaCheck.RequiredFor(call.Snapshot, call.Caller, grants);
        if (required == MfaKind.None || call.MfaValidated || call.Services.Settings.AccountMfaPolicy == MfaPolicy.Disabled)
        {
            return;
        }

        switch (MfaRules.Jit(call.Caller.MfaState, required))
        {
            case JitMfa.NotRequired or JitMfa.Bypassed:
                return;
            case JitMfa.SetupRequired:
                var setup = MfaCheck.SetupRequired(call.Caller.Name, required, "for this plugin,\n");
                throw new PluginFailureException(setup.Code, setup.Message);
        }

        if (call.Invocation.MfaToken is not { Length: > 0 } token)
        {
            throw new PluginFailureException("KO_JIT_MFA_REQUIRED_NO_TOKEN",
                "JIT MFA is required, but you didn't specify either --generate-mfa-token or --mfa-token");
        }

        if (!call.Services.MfaTokens.IsValid(token, call.Caller.Name, target.Host, target.Port, target.User))
        {
            throw new PluginFailureException("KO_MFA_FAILED_INVALID_TOKEN", "Provided MFA token is invalid or expired");
        }
    }

    /// <summary>The closing line of sftp and rsync, which report the bytes moved whatever the remote end said.</summary>
    private protected static async Task<OshEnvelope> DoneAsync(PluginCall call, string name, PipeRelayResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        await call.Terminal.WriteErrorLineAsync(
            $">>> Done, {result.BytesIn} bytes uploaded, {result.BytesOut} bytes downloaded.", cancellationToken);
        if (result.ExitCode != 0)
        {
            await call.Terminal.WriteErrorLineAsync($">>> On bastion side, {name} exited with return code {result.ExitCode}.", cancellationToken);
        }

        return OshEnvelope.Ok(name);
    }
}
