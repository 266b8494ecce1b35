using System.Diagnostics;
using System.Net;
using Rampart.Bastion.Accounts;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Mfa;
using Rampart.Bastion.Osh;
using Rampart.Bastion.Recording;
using Rampart.Core.Audit;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Idle;
using Rampart.Core.Bastion.Mfa;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Sessions;

namespace Rampart.Bastion.Egress;

/// <summary>
/// <c>ssh acct@gw -- [user@]host[:port] [-- command]</c>: decides access from the account's personal and group ACLs,
/// then runs OpenSSH's client in the daemon with a session agent holding only the granted keys, relays the client's
/// streams, records the session (asciicast, written here, out of the account's reach) and returns the remote exit
/// status. Every attempt, allowed or denied, is one session-log row and one audit record.
/// </summary>
public sealed class EgressSessions(BastionServices services) : IEgressSessions, IConnectionTester
{
    public async Task<int> RunAsync(OshCaller caller, OshInvocation invocation, OshTerminal terminal, string sessionId, CancellationToken cancellationToken)
    {
        var account = caller.Account;
        var (passwordLogin, givenUser) = PasswordLogin.From(invocation, account.Name);
        var user = givenUser ?? services.Settings.DefaultLogin ?? account.Name;
        var port = invocation.Port ?? 22;
        var host = invocation.Host!;
        if (EgressOptionCheck.Refusal(invocation, passwordLogin, account.Name) is { } optionRefusal)
        {
            return await RefuseAsync(caller, invocation, terminal, sessionId, host, null, user, port, optionRefusal, cancellationToken);
        }

        var address = await HostResolution.AddressAsync(host, cancellationToken);
        if (address is null)
        {
            return await RefuseAsync(caller, invocation, terminal, sessionId, host, null, user, port,
                new OshRefusal("KO_HOST_NOT_FOUND", $"Unable to resolve host '{host}'", OshExitCode.HostNotFound), cancellationToken);
        }

        if (account.OshOnly)
        {
            return await RefuseAsync(caller, invocation, terminal, sessionId, host, address, user, port,
                new OshRefusal("KO_ACCESS_DENIED", "You don't have the right to connect anywhere", OshExitCode.AccessDenied), cancellationToken);
        }

        var snapshot = services.Directory.Current;
        var target = HostResolution.OneAddress(address);
        var grants = AccessResolution.Grants(snapshot, account, new AclRequest(target, user, port), services.Time.GetUtcNow());
        var denied = new OshRefusal("KO_ACCESS_DENIED", AccessDenied.Message(account.Name, user, address, port, givenUser is null), OshExitCode.AccessDenied);
        if (grants.Count == 0)
        {
            return await RefuseAsync(caller, invocation, terminal, sessionId, host, address, user, port, denied, cancellationToken);
        }

        // Keys, or the passwords that replace them: the grants decide the access, the credentials only how to log in.
        IReadOnlyList<EgressKey> keys = [];
        IReadOnlyList<EgressPassword> passwords = [];
        if (passwordLogin is null)
        {
            keys = [.. grants.SelectMany(g => AccessResolution.KeysFor(snapshot, account, g)).DistinctBy(k => k.PublicKey.Fingerprint)];
            if (invocation.UseKey is { } wanted)
            {
                keys = [.. keys.Where(k => k.PublicKey.Fingerprint == wanted)];
                if (keys.Count == 0)
                {
                    await terminal.WriteErrorLineAsync($"  >>> No key matched the fingerprint you gave me ({wanted}), connection will fail!", cancellationToken);
                }
            }

            if (keys.Count == 0)
            {
                return await RefuseAsync(caller, invocation, terminal, sessionId, host, address, user, port, denied, cancellationToken);
            }
        }
        else
        {
            passwords = passwordLogin.Passwords(snapshot, account);
            if (passwords.Count == 0)
            {
                return await RefuseAsync(caller, invocation, terminal, sessionId, host, address, user, port,
                    new OshRefusal("KO_PASSFILE_NOT_FOUND", passwordLogin.NotFound, OshExitCode.PassfileNotFound), cancellationToken);
            }

            if (passwordLogin.Forced(grants, passwords) is { } forced)
            {
                if (forced.Count == 0)
                {
                    return await RefuseAsync(caller, invocation, terminal, sessionId, host, address, user, port,
                        new OshRefusal("KO_FORCED_PASSWORD_NOT_FOUND", "The forced password could not be found", OshExitCode.PassfileNotFound),
                        cancellationToken);
                }

                passwords = forced;
            }
        }

        // A group's mfa_required, or the account's own rule for its personal accesses: asked now, just in time.
        var mfa = MfaCheck.RequiredFor(snapshot, account, grants);
        if (mfa != MfaKind.None
            && await MfaCheck.JitAsync(services, caller, mfa, "host", invocation.Quiet, terminal, cancellationToken) is { } mfaRefusal)
        {
            return await RefuseAsync(caller, invocation, terminal, sessionId, host, address, user, port,
                mfaRefusal, cancellationToken);
        }

        // Told to the server in LC_BASTION_DETAILS: the factors were asked in this run, at login, proactively or just now.
        var mfaValidated = caller.MfaValidated
            || (mfa != MfaKind.None && services.Settings.AccountMfaPolicy != MfaPolicy.Disabled && MfaRules.Jit(account.MfaState, mfa) == JitMfa.Ask);
        if (RecordingSpace.Shortage(RecordingsOf(caller), services.Settings.RecordingMaxBytes) is { } shortage)
        {
            return await RefuseAsync(caller, invocation, terminal, sessionId, host, address, user, port,
                new OshRefusal("KO_OUT_OF_SPACE", shortage, OshExitCode.OutOfSpace), cancellationToken);
        }

        if (invocation.Wait)
        {
            await PortWait.UntilOpenAsync(address, port, host, terminal, cancellationToken);
        }

        var connection = new EgressConnection(host, address, user, port, grants, keys, passwords,
            IdlePolicy.For(services.Settings.IdleTimeouts, snapshot, account, grants),
            new EgressSshOptions(invocation.Timeout is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null, invocation.Bind,
                invocation.KbdInteractive, passwords.Count), mfaValidated);
        return await ConnectAsync(caller, invocation, terminal, sessionId, connection, cancellationToken);
    }

    public async Task<string?> TestAsync(IReadOnlyList<EgressKey> keys, string user, IPAddress address, int port, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return "no egress key to try";
        }

        await using var agent = await SessionAgent.StartAsync(services.Cipher, keys, cancellationToken);
        var start = new ProcessStartInfo("ssh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in EgressCommand.Arguments(agent, KnownHosts(KnownHostsFiles.ConnectionTests), user, address.ToString(), port, pty: false, "true",
            options: new EgressSshOptions(ConnectTimeout: TimeSpan.FromSeconds(5))))
        {
            start.ArgumentList.Add(argument);
        }

        EgressEnvironment.Apply(start, null);

        using var ssh = Process.Start(start)!;
        ssh.StandardInput.Close();
        var error = ssh.StandardError.ReadToEndAsync(cancellationToken);
        await ssh.StandardOutput.ReadToEndAsync(cancellationToken);
        await ssh.WaitForExitAsync(cancellationToken);
        return ssh.ExitCode == 0 ? null : (await error).Trim().Split('\n').LastOrDefault() ?? $"ssh exited with {ssh.ExitCode}";
    }

    private async Task<int> ConnectAsync(
        OshCaller caller, OshInvocation invocation, OshTerminal terminal, string sessionId, EgressConnection connection, CancellationToken cancellationToken)
    {
        var (host, address, user, port) = (connection.Host, connection.Address, connection.User, connection.Port);
        var grants = connection.Grants;
        var idleTimeouts = connection.Idle;
        // --netconf asks the remote side for its netconf subsystem instead of a shell or a command.
        var remoteCommand = invocation.Netconf ? "netconf" : invocation.RemoteCommand;
        var pty = !invocation.Netconf && (invocation.Tty ?? (terminal.IsTty && remoteCommand is null));
        var (rows, columns) = terminal.Size;
        var recordings = RecordingsOf(caller);
        var started = services.Time.GetUtcNow();
        await using var recorder = SessionRecorder.Create(recordings, sessionId, pty ? RecordingKind.Interactive : RecordingKind.Command,
            columns > 0 ? columns : 80, rows > 0 ? rows : 24, terminal.Term,
            $"{caller.Account.Name} to {user}@{address}:{port}{(remoteCommand is { } c ? " -- " + c : "")}", services.Time,
            services.Settings.RecordingMaxBytes);
        var session = Session(caller, invocation, sessionId, host, address, user, port, allowed: true, started, recorder.Files);
        await services.Sessions.StartAsync(session, cancellationToken);
        Audit(caller, user, address, port, "ok", $"session {sessionId} via {string.Join(", ", grants.Select(g => g.Group is null ? g.Type : $"{g.Group}({g.Type})"))}");

        if (pty)
        {
            await terminal.WriteErrorLineAsync(
                $"Connecting to {user}@{address}:{port} through {services.Settings.Name}, session {sessionId} is recorded\r", cancellationToken);
            await terminal.RequestRawModeAsync(cancellationToken);
        }

        // Idle lock and kill, as The Bastion's recorder; a session on a terminal can be locked and unlocked by hand too.
        await using var idle = new IdleGuard(idleTimeouts, pty, services.Time, terminal);
        using var lockable = pty ? services.Locks.Register(caller.Account.Name, idle) : null;
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Killed);
        string? ending = null;
        int exitCode;
        try
        {
            // A password login has no agent: the askpass program types the passwords, current one first.
            await using var agent = connection.Keys.Count > 0 ? await SessionAgent.StartAsync(services.Cipher, connection.Keys, running.Token) : null;
            await using var askpass = connection.Passwords.Count > 0 ? AskpassFeeder.Start([.. connection.Passwords.Select(p => EgressPasswords.Reveal(services.Cipher, p))]) : null;
            if (askpass is not null && !invocation.Quiet)
            {
                await terminal.WriteErrorLineAsync($" will use SSH with password autologin\r", cancellationToken);
            }

            var arguments = EgressCommand.Arguments(agent, KnownHosts(caller.Account.Name), user, address.ToString(), port, pty, remoteCommand,
                subsystem: invocation.Netconf, options: connection.Ssh);
            var environment = new Dictionary<string, string>(
                await EgressEnvironment.ForAsync(caller, terminal.Locale, connection, services.Settings.Name, sessionId, connection.MfaValidated, running.Token), StringComparer.Ordinal);
            foreach (var (name, value) in askpass?.Environment ?? new Dictionary<string, string>())
            {
                environment[name] = value;
            }

            exitCode = pty
                ? await TerminalRelay.RunAsync(arguments, terminal.Term, (rows > 0 ? rows : 24, columns > 0 ? columns : 80), terminal, recorder, idle,
                    running.Token, environment)
                : (await PipeRelay.RunAsync(arguments, terminal.Term, terminal, recorder, running.Token, idle: idle, environment: environment)).ExitCode;
        }
        catch (OperationCanceledException) when (idle.Killed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ending = $"no input for {(long)idleTimeouts.Kill.TotalSeconds} seconds";
            if (idle.IsLocked)
            {
                await terminal.WriteStdoutAsync(IdleGuard.LeaveLockScreen, CancellationToken.None);
            }

            await terminal.WriteErrorLineAsync($"\r\nThis session was closed by the bastion: {ending}.\r", CancellationToken.None);
            exitCode = OshExitCode.GotSignal;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            exitCode = OshExitCode.GotSignal;
        }
        catch (RecordingFullException full)
        {
            // An unrecorded session must not go on; 109 is The Bastion's status for a recording out of space.
            await terminal.WriteErrorLineAsync($"\r\nThis session was closed by the bastion: {full.Message}.\r", CancellationToken.None);
            exitCode = OshExitCode.OutOfSpace;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // The gateway could not set the session up (no agent, no pty, no ssh): the account is told, the session
            // closed and audited with ssh's own failure status.
            await terminal.WriteErrorLineAsync($"The bastion could not open the session: {e.Message}", CancellationToken.None);
            exitCode = 255;
        }

        await services.Sessions.FinishAsync(sessionId, services.Time.GetUtcNow(), exitCode, CancellationToken.None);
        Audit(caller, user, address, port, exitCode == 0 ? "ok" : "failed",
            $"session {sessionId} ended with {exitCode}{(ending is null ? "" : $" ({ending})")}");
        return exitCode;
    }

    private async Task<int> RefuseAsync(
        OshCaller caller, OshInvocation invocation, OshTerminal terminal, string sessionId, string host, IPAddress? address, string user, int port,
        OshRefusal refusal, CancellationToken cancellationToken)
    {
        var (code, message, exitCode) = (refusal.Code, refusal.Message, refusal.ExitCode);
        await terminal.WriteErrorLineAsync(message, cancellationToken);
        await terminal.WriteStdoutAsync(OshEnvelopeWriter.Frame(OshEnvelope.Fail(null, code, message), invocation.Mode), cancellationToken);
        var now = services.Time.GetUtcNow();
        await services.Sessions.StartAsync(
            Session(caller, invocation, sessionId, host, address, user, port, allowed: false, now, []) with { Ended = now, Returned = exitCode },
            cancellationToken);
        services.Audit.Record(new AuditEvent(now, "bastion:" + caller.Account.Name, caller.SourceIp ?? "local", "ssh",
            $"{user}@{address?.ToString() ?? host}:{port}", "denied", code));
        return exitCode;
    }

    private static BastionSession Session(
        OshCaller caller, OshInvocation invocation, string sessionId, string host, IPAddress? address, string user, int port, bool allowed,
        DateTimeOffset started, IReadOnlyList<string> recordings) => new(
        sessionId, caller.Account.Name, "ssh", null, allowed,
        new SessionEndpoint(caller.SourceIp, caller.SourcePort, null),
        new SessionEndpoint(caller.BastionIp, caller.BastionPort, null),
        new SessionEndpoint(address?.ToString(), port, host),
        user, invocation.RemoteCommand, started, null, null, recordings);

    private void Audit(OshCaller caller, string user, IPAddress address, int port, string outcome, string detail) =>
        services.Audit.Record(new AuditEvent(services.Time.GetUtcNow(), "bastion:" + caller.Account.Name, caller.SourceIp ?? "local", "ssh",
            $"{user}@{address}:{port}", outcome, detail));

    private string RecordingsOf(OshCaller caller) => Path.Combine(services.Settings.RecordingsDirectory, caller.Account.Name);

    private string KnownHosts(string account) => new KnownHostsFiles(services.Settings.KnownHostsDirectory).FileOf(account);
}
