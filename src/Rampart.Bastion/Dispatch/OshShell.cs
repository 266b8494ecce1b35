using Rampart.Bastion.Mfa;
using Rampart.Bastion.Osh;
using Rampart.Bastion.Plugins;
using Rampart.Core.Audit;
using Rampart.Core.Bastion.Mfa;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Sessions;

namespace Rampart.Bastion.Dispatch;

/// <summary>
/// What The Bastion's <c>osh.pl</c> does for one login, run inside the daemon: refuse frozen, expired or locked-out
/// accounts before anything is parsed (no JSON then), parse the command string, then either dispatch a plugin or
/// open an egress session. Every outcome is one session-log row and one audit record. Returns the exit status.
/// </summary>
public sealed class OshShell(BastionServices services, PluginRegistry registry, IEgressSessions egress)
{
    public Task<int> RunAsync(OshCaller caller, string? commandString, OshTerminal terminal, CancellationToken cancellationToken) =>
        RunAsync(caller, commandString, terminal, inInteractiveMode: false, cancellationToken);

    /// <param name="inInteractiveMode">The string is a further run inside this login (a line typed in the interactive
    /// mode, a host of <c>clush</c>, an <c>adminSudo</c> run): <c>-i</c> is ignored, and the login is neither recorded
    /// nor its factors asked again.</param>
    private async Task<int> RunAsync(OshCaller caller, string? commandString, OshTerminal terminal, bool inInteractiveMode, CancellationToken cancellationToken)
    {
        var sessionId = SessionIds.New();
        if (await LoginRefusalAsync(caller, terminal, cancellationToken) is { } refused)
        {
            Audit(caller, "login", null, "denied", refused.Code);
            return refused.ExitCode;
        }

        if (!inInteractiveMode)
        {
            await RecordLoginAsync(caller.Account.Name, cancellationToken);
        }

        var parsed = OshCommandLine.Parse(commandString, new OshParseSettings(InInteractiveSession: inInteractiveMode));
        if (parsed is OshShellError error)
        {
            return await ShellErrorAsync(caller, terminal, error.Mode, error.Code, error.Message, error.ExitCode, cancellationToken);
        }

        var invocation = (OshInvocation)parsed;
        if (!inInteractiveMode)
        {
            // The second factor at login, before anything runs (The Bastion's sshd asks it through PAM).
            if (await LoginMfaAsync(caller, invocation, terminal, cancellationToken) is not { } passed)
            {
                Audit(caller, "login", null, "denied", "KO_MFA_FAILED");
                await terminal.WriteErrorLineAsync(MfaCheck.FailedMessage, cancellationToken);
                return OshExitCode.MfaFailed;
            }

            caller = caller with { MfaValidated = passed };
        }

        if (invocation.ProactiveMfa && !caller.MfaValidated)
        {
            if (!invocation.Quiet)
            {
                await terminal.WriteErrorLineAsync($"As proactive MFA has been requested, entering MFA phase for {caller.Account.Name}.", cancellationToken);
            }

            if (await MfaCheck.ProactiveAsync(services, caller, terminal, "proactive", cancellationToken) is { } refusal)
            {
                return await ShellErrorAsync(caller, terminal, invocation.Mode, refusal.Code, refusal.Message, refusal.ExitCode, cancellationToken);
            }

            caller = caller with { MfaValidated = true };
        }

        if (invocation.CommandStringMissing)
        {
            // A plain "ssh acct@gw": the help, then the interactive mode if it is the default, as osh.pl does.
            await terminal.WriteStderrAsync(ShellHelp.Quick(services.Settings, caller.Account.Name), cancellationToken);
            if (!services.Settings.InteractiveModeAllowed || !services.Settings.InteractiveModeByDefault)
            {
                return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_UNKNOWN_COMMAND", "Missing command", OshExitCode.UnknownCommand, cancellationToken);
            }

            await terminal.WriteErrorLineAsync("No command specified, entering interactive mode by default", cancellationToken);
            return await InteractiveAsync(caller, null, invocation.Quiet, terminal, sessionId, cancellationToken);
        }

        if (invocation.Help && invocation.Plugin is null || invocation.LongHelp)
        {
            var help = invocation.Help && invocation.Plugin is null
                ? ShellHelp.Quick(services.Settings, caller.Account.Name)
                : ShellHelp.Complete(services.Settings, caller.Account.Name);
            await terminal.WriteStderrAsync(help, cancellationToken);
            await terminal.WriteStdoutAsync(OshEnvelopeWriter.Frame(new OshEnvelope(null, "OK", "OK", null), invocation.Mode), cancellationToken);
            return OshExitCode.Ok;
        }

        if (OshCommandLine.CheckInteractive(invocation, services.Settings.InteractiveModeAllowed) is { } interactiveRefusal)
        {
            return await ShellErrorAsync(caller, terminal, invocation.Mode, interactiveRefusal.Code, interactiveRefusal.Message, interactiveRefusal.ExitCode,
                cancellationToken);
        }

        if (invocation.Interactive)
        {
            return await InteractiveAsync(caller, commandString, invocation.Quiet, terminal, sessionId, cancellationToken);
        }

        if (MfaRules.SetupDue(caller.Account.MfaState, services.Settings.AccountMfaPolicy) is { } due
            && !(invocation.Plugin is { } named && registry.Find(named) is { } exempt && exempt.Traits.HasFlag(PluginTraits.MfaSetupNotRequired)))
        {
            var setup = MfaCheck.SetupRequired(caller.Account.Name, due, "before using this bastion, ");
            return await ShellErrorAsync(caller, terminal, invocation.Mode, setup.Code, setup.Message, setup.ExitCode, cancellationToken);
        }

        if (PerlText.IsTrue(invocation.SshAs))
        {
            return await SshAsAsync(caller, invocation, terminal, sessionId, cancellationToken);
        }

        if (invocation.Plugin is { } pluginName)
        {
            if (await PluginHost.ProblemAsync(invocation, cancellationToken) is { } problem)
            {
                return await ShellErrorAsync(caller, terminal, invocation.Mode, problem.Code, problem.Message, problem.ExitCode, cancellationToken, pluginName);
            }

            return await RunPluginAsync(caller, invocation, pluginName, terminal, sessionId, cancellationToken);
        }

        return await egress.RunAsync(caller, invocation, terminal, sessionId, cancellationToken);
    }

    /// <summary>
    /// <c>--ssh-as ACCOUNT</c>: an admin opens a connection as another account, with that account's accesses, keys
    /// and login checks (The Bastion's admin-ssh-as, for support and tests of someone's access). The attempt is a
    /// <c>sshas</c> row of the admin's, allowed or not, and a security audit record; the connection itself is the
    /// impersonated account's session. Plugins are refused (The Bastion has <c>adminSudo</c> for those).
    /// </summary>
    private async Task<int> SshAsAsync(OshCaller caller, OshInvocation invocation, OshTerminal terminal, string sessionId, CancellationToken cancellationToken)
    {
        var self = caller.Account.Name;
        var target = invocation.SshAs!;
        var allowed = caller.Account.IsAdmin;
        var now = services.Time.GetUtcNow();
        await services.Sessions.StartAsync(new BastionSession(
            sessionId, self, "sshas", null, allowed,
            new SessionEndpoint(caller.SourceIp, caller.SourcePort, null),
            new SessionEndpoint(caller.BastionIp, caller.BastionPort, null),
            invocation.Host is { Length: > 0 } host ? new SessionEndpoint(null, invocation.Port, host) : null,
            invocation.User, target, now, now, allowed ? OshExitCode.Ok : OshExitCode.RestrictedCommand, []), cancellationToken);
        if (!allowed)
        {
            Audit(caller, "admin-ssh-as", target, "denied", "KO_SSHAS_DENIED");
            return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_SSHAS_DENIED",
                $"Sorry {self}, this feature is reserved to bastion administrators. Your attempt has been logged.", OshExitCode.RestrictedCommand,
                cancellationToken);
        }

        if (invocation.Plugin is not null)
        {
            return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_CONFLICTING_OPTIONS",
                "Can't use --ssh-as and --osh together. If you want to run a plugin as another user, use --osh adminSudo",
                OshExitCode.ConflictingOptions, cancellationToken);
        }

        if (services.Directory.Current.Account(target) is not { } account)
        {
            return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_INVALID_ACCOUNT",
                $"Sorry {self}, the specified account ({target}) is invalid", OshExitCode.AccessDenied, cancellationToken);
        }

        Audit(caller, "admin-ssh-as", target, "ok", $"{invocation.User}{(invocation.User is null ? "" : "@")}{invocation.Host}:{invocation.Port} -- {invocation.SshCommand}");
        await terminal.WriteErrorLineAsync($"ADMIN SUDO: {self}, you'll now impersonate {target}, this has been logged.", cancellationToken);
        var impersonated = caller with { Account = account };
        if (await LoginRefusalAsync(impersonated, terminal, cancellationToken) is { } refused)
        {
            Audit(impersonated, "login", null, "denied", refused.Code);
            return refused.ExitCode;
        }

        return await egress.RunAsync(impersonated, invocation with { SshAs = null }, terminal, SessionIds.New(), cancellationToken);
    }

    /// <summary>
    /// The interactive mode, as one session row of type <c>interactive</c>; every line in it is a run of its own, made
    /// with the account as it is at that moment.
    /// </summary>
    private async Task<int> InteractiveAsync(
        OshCaller caller, string? options, bool quiet, OshTerminal terminal, string sessionId, CancellationToken cancellationToken)
    {
        var started = services.Time.GetUtcNow();
        await services.Sessions.StartAsync(new BastionSession(
            sessionId, caller.Account.Name, "interactive", null, true,
            new SessionEndpoint(caller.SourceIp, caller.SourcePort, null),
            new SessionEndpoint(caller.BastionIp, caller.BastionPort, null),
            null, null, options, started, null, null, []), cancellationToken);
        Audit(caller, "interactive", null, "ok", $"session {sessionId}");
        var mode = new InteractiveMode(services.Settings, services.Time,
            (line, lineTerminal, mfaOk, token) => services.Directory.Current.Account(caller.Account.Name) is { } current
                ? RunAsync(caller with { Account = current, MfaValidated = caller.MfaValidated || mfaOk }, line, lineTerminal, inInteractiveMode: true, token)
                : Task.FromResult(OshExitCode.AccountInvalid),
            async (lineTerminal, token) =>
            {
                if (await MfaCheck.ProactiveAsync(services, caller, lineTerminal, "proactive (interactive mode)", token) is not { } refusal)
                {
                    return true;
                }

                await lineTerminal.WriteErrorLineAsync(refusal.Message, token);
                return false;
            });
        var exitCode = OshExitCode.GotSignal;
        try
        {
            exitCode = await mode.RunAsync(caller.Account.Name, options, quiet, terminal, cancellationToken);
            return exitCode;
        }
        finally
        {
            await services.Sessions.FinishAsync(sessionId, services.Time.GetUtcNow(), exitCode, CancellationToken.None);
        }
    }

    /// <summary>
    /// The factors an account has set up are asked at every login (The Bastion's sshd does it with PAM), unless it is a
    /// robot (<c>--pam-auth-bypass</c>) or MFA is disabled. A transfer cannot answer a prompt: for scp, sftp and rsync a
    /// valid MFA token for the target, from an earlier <c>--generate-mfa-token</c> call that asked the factors, stands
    /// for them. Null when the login failed; else whether a factor was checked.
    /// </summary>
    private async Task<bool?> LoginMfaAsync(OshCaller caller, OshInvocation invocation, OshTerminal terminal, CancellationToken cancellationToken)
    {
        var mfa = caller.Account.MfaState;
        if (!mfa.AnyConfigured || mfa.PamAuthBypass || services.Settings.AccountMfaPolicy == MfaPolicy.Disabled)
        {
            return false;
        }

        if (invocation.MfaToken is { Length: > 0 } token && invocation.Host is { Length: > 0 } host
            && invocation.Plugin is { } plugin && registry.Find(plugin) is { } transfer && transfer.Traits.HasFlag(PluginTraits.MfaToken)
            && services.MfaTokens.IsValid(token, caller.Account.Name, host, invocation.Port ?? 22, invocation.User ?? caller.Account.Name))
        {
            return true;
        }

        return await MfaCheck.ValidateAsync(services, caller, terminal, "login", cancellationToken) ? true : null;
    }

    /// <summary>The account's last login, as The Bastion's lastlog: <c>accountInfo</c> and <c>accountList</c> show it.</summary>
    private Task<bool> RecordLoginAsync(string account, CancellationToken cancellationToken) =>
        services.Directory.ChangeAsync(snapshot => snapshot.Accounts.TryGetValue(account, out var current)
            ? (snapshot.With(current with { LastLogin = services.Time.GetUtcNow() }), true)
            : ((BastionSnapshot?)null, false), cancellationToken);

    /// <summary>Checks done before option parsing, as in osh.pl: they print a line and no JSON.</summary>
    private async Task<(string Code, int ExitCode)?> LoginRefusalAsync(OshCaller caller, OshTerminal terminal, CancellationToken cancellationToken)
    {
        var account = caller.Account;
        var now = services.Time.GetUtcNow();
        (string Code, int ExitCode, string Message)? refusal = null;
        if (account.Frozen is { } frozen)
        {
            refusal = ("KO_ACCOUNT_FROZEN", OshExitCode.AccountFrozen,
                $"Your account is frozen{(frozen.Reason is { Length: > 0 } reason ? $" ({reason})" : "")}, please contact a bastion admin");
        }
        else if (account.IsTtlExpired(now))
        {
            refusal = ("KO_TTL_EXPIRED", OshExitCode.TtlExpired, "Sorry, your account has reached its time to live and can no longer be used");
        }
        else if (account.IsInactivityExpired(now, services.Settings.AccountMaxInactiveDays))
        {
            refusal = ("KO_ACCOUNT_EXPIRED", OshExitCode.AccountExpired,
                $"Sorry, but your account has expired ({account.InactiveDays(now)} days), access denied by policy.");
        }
        else if (services.Directory.Current.Maintenance is { } maintenance)
        {
            if (!account.IsAdmin)
            {
                refusal = ("KO_MAINTENANCE_MODE", OshExitCode.MaintenanceMode,
                    $"Sorry, the bastion is in maintenance mode, please try again later{(maintenance.Message is { Length: > 0 } m ? $": {m}" : "")}");
            }
            else
            {
                await terminal.WriteErrorLineAsync("Warning: the bastion is in maintenance mode; as an admin you may go on", cancellationToken);
            }
        }

        if (refusal is not { } r)
        {
            return null;
        }

        await terminal.WriteErrorLineAsync(r.Message, cancellationToken);
        return (r.Code, r.ExitCode);
    }

    private async Task<int> RunPluginAsync(
        OshCaller caller, OshInvocation invocation, string pluginName, OshTerminal terminal, string sessionId, CancellationToken cancellationToken)
    {
        var plugin = registry.Find(pluginName);
        if (plugin is null)
        {
            // As osh.pl: the quick help first, on stderr, then the refusal.
            await terminal.WriteStderrAsync(ShellHelp.Quick(services.Settings, caller.Account.Name), cancellationToken);
            return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_UNKNOWN_COMMAND", "Unknown command", OshExitCode.UnknownCommand, cancellationToken, pluginName);
        }

        var snapshot = services.Directory.Current;
        if (PluginRegistry.Refusal(plugin, caller.Account, snapshot) is { } refusal)
        {
            await LogAsync(caller, sessionId, plugin.Name, allowed: false, invocation, OshExitCode.RestrictedCommand, cancellationToken);
            return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_RESTRICTED_COMMAND", refusal, OshExitCode.RestrictedCommand, cancellationToken, pluginName);
        }

        var policy = PluginPolicy.For(plugin, caller.Account, services.PluginConfigs);
        if (policy.Refusal is { } refused)
        {
            await LogAsync(caller, sessionId, plugin.Name, allowed: false, invocation, refused.ExitCode, cancellationToken);
            return await ShellErrorAsync(caller, terminal, invocation.Mode, refused.Code, refused.Message, refused.ExitCode, cancellationToken, pluginName,
                policy.Problem);
        }

        if (plugin.Traits.HasFlag(PluginTraits.MfaToken) && invocation.GenerateMfaToken && !invocation.Help)
        {
            return await MfaTokenAsync(caller, invocation, plugin, terminal, sessionId, cancellationToken);
        }

        if (policy.Mfa is not MfaKind.None && !invocation.Help
            && await MfaCheck.JitAsync(services, caller, policy.Mfa, "plugin", invocation.Quiet, terminal, cancellationToken) is { } mfaRefusal)
        {
            await LogAsync(caller, sessionId, plugin.Name, allowed: false, invocation, mfaRefusal.ExitCode, cancellationToken);
            return await ShellErrorAsync(caller, terminal, invocation.Mode, mfaRefusal.Code, mfaRefusal.Message, mfaRefusal.ExitCode, cancellationToken, pluginName);
        }

        var details = new PluginSessionDetails { Started = services.Time.GetUtcNow() };
        OshEnvelope envelope;
        try
        {
            envelope = await EnvelopeAsync(caller, invocation, plugin, policy.Config, snapshot, terminal, sessionId, details, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left (or the account was frozen) mid-run, in a long transfer say: the run is still logged.
            await LogAsync(caller, sessionId, plugin.Name, allowed: true, invocation, OshExitCode.GotSignal, CancellationToken.None, details);
            Audit(caller, "osh " + plugin.Name, Target(invocation), "interrupted", null);
            throw;
        }

        var exitCode = OshExitCode.ForPluginCode(envelope.ErrorCode);
        if (!envelope.IsOk)
        {
            await terminal.WriteErrorLineAsync(envelope.ErrorMessage, cancellationToken);
        }

        await terminal.WriteStdoutAsync(OshEnvelopeWriter.Frame(envelope, invocation.Mode), cancellationToken);
        await LogAsync(caller, sessionId, plugin.Name, allowed: true, invocation, exitCode, cancellationToken, details);
        Audit(caller, "osh " + plugin.Name, Target(invocation), envelope.IsOk ? "ok" : "failed", envelope.ErrorCode);
        return exitCode;
    }

    /// <summary>One line of a batch: the same checks as a login's command, with the envelope returned instead of printed.</summary>
    private async Task<OshEnvelope> RunLineAsync(OshCaller caller, string line, OshTerminal terminal, CancellationToken cancellationToken)
    {
        var parsed = OshCommandLine.Parse("--osh " + line);
        if (parsed is OshShellError error)
        {
            return OshEnvelope.Fail(null, error.Code, error.Message);
        }

        var invocation = (OshInvocation)parsed;
        if (await PluginHost.ProblemAsync(invocation, cancellationToken) is { } problem)
        {
            return OshEnvelope.Fail(null, problem.Code, problem.Message);
        }

        var plugin = invocation.Plugin is { } name ? registry.Find(name) : null;
        if (plugin is null)
        {
            return OshEnvelope.Fail(null, "KO_UNKNOWN_COMMAND", "Unknown command");
        }

        if (plugin.Name == "batch")
        {
            return OshEnvelope.Fail(null, "KO_RESTRICTED_COMMAND", "A batch cannot run another batch");
        }

        var snapshot = services.Directory.Current;
        var account = snapshot.Account(caller.Account.Name) ?? caller.Account;
        if (PluginRegistry.Refusal(plugin, account, snapshot) is { } refusal)
        {
            Audit(caller, "osh " + plugin.Name, null, "denied", "KO_RESTRICTED_COMMAND");
            return OshEnvelope.Fail(null, "KO_RESTRICTED_COMMAND", refusal);
        }

        var policy = PluginPolicy.For(plugin, account, services.PluginConfigs);
        if (policy.Refusal is { } refused)
        {
            Audit(caller, "osh " + plugin.Name, null, "denied", policy.Problem is null ? refused.Code : $"{refused.Code}: {policy.Problem}");
            return OshEnvelope.Fail(null, refused.Code, refused.Message);
        }

        if (policy.Mfa is not MfaKind.None && !caller.MfaValidated
            && MfaRules.Jit(account.MfaState, policy.Mfa) is JitMfa.Ask or JitMfa.SetupRequired)
        {
            // A batch reads its commands from stdin: there is no terminal left to ask a factor on.
            return OshEnvelope.Fail(null, "KO_MFA_FAILED", "MFA is required for this action, but we're running under batch mode, please use --proactive-mfa");
        }

        var sessionId = SessionIds.New();
        var details = new PluginSessionDetails { Started = services.Time.GetUtcNow() };
        var envelope = await EnvelopeAsync(caller with { Account = account }, invocation, plugin, policy.Config, snapshot, terminal, sessionId, details,
            cancellationToken);
        await LogAsync(caller, sessionId, plugin.Name, allowed: true, invocation, OshExitCode.ForPluginCode(envelope.ErrorCode), cancellationToken, details);
        Audit(caller, "osh " + plugin.Name, Target(invocation), envelope.IsOk ? "ok" : "failed", envelope.ErrorCode);
        return envelope;
    }

    private async Task<OshEnvelope> EnvelopeAsync(
        OshCaller caller, OshInvocation invocation, IOshPlugin plugin, Plugins.Configuration.PluginConfig config, Core.Bastion.Model.BastionSnapshot snapshot,
        OshTerminal terminal, string sessionId, PluginSessionDetails details, CancellationToken cancellationToken)
    {
        OshEnvelope envelope;
        if (invocation.Help)
        {
            await terminal.WriteLineAsync(PluginHelp.Text(plugin), cancellationToken);
            envelope = OshEnvelope.Ok(plugin.Name);
        }
        else
        {
            var options = PluginOptionParser.Parse(plugin.Options, invocation.PluginArguments, plugin.Traits.HasFlag(PluginTraits.AllowUnknownOptions));
            if (options is not ParsedOptions parsedOptions)
            {
                var failure = (PluginOptionError)options;
                envelope = OshEnvelope.Fail(plugin.Name, failure.Code, failure.Message);
            }
            else
            {
                var call = new PluginCall(caller.Account, snapshot, invocation, parsedOptions, terminal, services, registry, sessionId, caller.SourceIp,
                    (line, inner, ct) => RunLineAsync(caller, line, inner, ct), details)
                {
                    MfaValidated = caller.MfaValidated,
                    Config = config,
                    RunShellLine = (account, line, inner, ct) => services.Directory.Current.Account(account.Name) is { } current
                        ? RunAsync(
                            caller with { Account = current, MfaValidated = caller.MfaValidated && current.Name == caller.Account.Name },
                            line, inner, inInteractiveMode: true, ct)
                        : Task.FromResult(OshExitCode.AccountInvalid),
                };
                envelope = await RunHandlerAsync(plugin, call, cancellationToken);
            }
        }

        return envelope;
    }

    private static async Task<OshEnvelope> RunHandlerAsync(IOshPlugin plugin, PluginCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await plugin.RunAsync(call, cancellationToken);
        }
        catch (PluginFailureException failure)
        {
            return OshEnvelope.Fail(plugin.Name, failure.Code, failure.Message);
        }
#pragma warning disable CA1031 // A plugin's bug must still end in an envelope the client can read, not a dropped session.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return OshEnvelope.Fail(plugin.Name, "ERR_INTERNAL_ERROR",
                $"The plugin {plugin.Name} failed unexpectedly ({e.GetType().Name}: {e.Message}); this is a bug of the bastion, please report it");
        }
    }

    private async Task<int> ShellErrorAsync(
        OshCaller caller, OshTerminal terminal, OshOutputMode mode, string code, string message, int exitCode, CancellationToken cancellationToken,
        string? plugin = null, string? problem = null)
    {
        await terminal.WriteErrorLineAsync(message, cancellationToken);
        await terminal.WriteStdoutAsync(OshEnvelopeWriter.Frame(OshEnvelope.Fail(null, code, message), mode), cancellationToken);
        // A configuration problem goes to the audit trail for the administrator; the account only sees the message.
        Audit(caller, plugin is null ? "osh" : "osh " + plugin, null, exitCode == OshExitCode.RestrictedCommand ? "denied" : "rejected",
            problem is null ? code : $"{code}: {problem}");
        return exitCode;
    }

    /// <summary>
    /// scp and sftp clients ask for an MFA token before they start (The Bastion's <c>jit_mfa: token</c> plugins): the
    /// access is checked as for a connection; when its grants require MFA, the factors are asked here, on the
    /// terminal of this separate call, and the token printed is what the transfer passes back with
    /// <c>--mfa-token</c>; otherwise the token is <c>notrequired</c>.
    /// </summary>
    private async Task<int> MfaTokenAsync(
        OshCaller caller, OshInvocation invocation, IOshPlugin plugin, OshTerminal terminal, string sessionId, CancellationToken cancellationToken)
    {
        var required = MfaKind.None;
        if (!string.IsNullOrEmpty(invocation.Host))
        {
            var address = await HostResolution.AddressAsync(invocation.Host, cancellationToken);
            if (address is null)
            {
                return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_HOST_NOT_FOUND", $"Unable to resolve host '{invocation.Host}'",
                    OshExitCode.HostNotFound, cancellationToken, plugin.Name);
            }

            var request = new Core.Bastion.Access.AclRequest(HostResolution.OneAddress(address), invocation.User, invocation.Port);
            var grants = Core.Bastion.Access.AccessResolution.Grants(services.Directory.Current, caller.Account, request, services.Time.GetUtcNow());
            if (caller.Account.OshOnly || grants.Count == 0)
            {
                var message = Egress.AccessDenied.Message(caller.Account.Name, invocation.User ?? caller.Account.Name, address, invocation.Port, invocation.User is null);
                await LogAsync(caller, sessionId, plugin.Name, allowed: false, invocation, OshExitCode.AccessDenied, cancellationToken);
                return await ShellErrorAsync(caller, terminal, invocation.Mode, "KO_ACCESS_DENIED", message, OshExitCode.AccessDenied, cancellationToken, plugin.Name);
            }

            required = MfaCheck.RequiredFor(services.Directory.Current, caller.Account, grants);
        }

        if (required != MfaKind.None)
        {
            if (await MfaCheck.JitAsync(services, caller, required, "plugin", invocation.Quiet, terminal, cancellationToken) is { } refusal)
            {
                await LogAsync(caller, sessionId, plugin.Name, allowed: false, invocation, refusal.ExitCode, cancellationToken);
                return await ShellErrorAsync(caller, terminal, invocation.Mode, refusal.Code, refusal.Message, refusal.ExitCode, cancellationToken, plugin.Name);
            }

            if (MfaRules.Jit(caller.Account.MfaState, required) == JitMfa.Ask)
            {
                var token = services.MfaTokens.Issue(caller.Account.Name, invocation.Host!, invocation.Port ?? 22, invocation.User ?? caller.Account.Name);
                await terminal.WriteStdoutAsync($"MFA_TOKEN={token}\n", cancellationToken);
                await LogAsync(caller, sessionId, plugin.Name, allowed: true, invocation, 0, cancellationToken);
                Audit(caller, "osh " + plugin.Name, Target(invocation), "ok", "mfa token generated");
                return 0;
            }
        }

        await terminal.WriteStdoutAsync("MFA_TOKEN=notrequired\n", cancellationToken);
        await LogAsync(caller, sessionId, plugin.Name, allowed: true, invocation, 0, cancellationToken);
        Audit(caller, "osh " + plugin.Name, Target(invocation), "ok", "mfa token not required");
        return 0;
    }

    private async Task LogAsync(
        OshCaller caller, string sessionId, string plugin, bool allowed, OshInvocation invocation, int returned, CancellationToken cancellationToken,
        PluginSessionDetails? details = null)
    {
        var now = services.Time.GetUtcNow();
        var session = new BastionSession(
            sessionId, caller.Account.Name, "osh", plugin, allowed,
            new SessionEndpoint(caller.SourceIp, caller.SourcePort, null),
            new SessionEndpoint(caller.BastionIp, caller.BastionPort, null),
            details?.To, details?.User, string.Join(' ', invocation.PluginArguments), details?.Started ?? now, now, returned, details?.Recordings ?? []);
        await services.Sessions.StartAsync(session, cancellationToken);
    }

    private void Audit(OshCaller caller, string action, string? target, string outcome, string? detail) =>
        services.Audit.Record(new AuditEvent(services.Time.GetUtcNow(), "bastion:" + caller.Account.Name, caller.SourceIp ?? "local", action, target, outcome, detail));

    private static string? Target(OshInvocation invocation) =>
        invocation.Host is null ? null : $"{invocation.User}{(invocation.User is null ? "" : "@")}{invocation.Host}{(invocation.Port is { } p ? $":{p}" : "")}";
}
