using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins;

/// <summary>Everything a plugin run sees: who calls, the state at the start, its parsed options and the client's streams.</summary>
/// <param name="Invocation">The shell-level options (<c>--host</c>, <c>--user</c>, <c>--port</c>, output mode) as parsed before dispatch.</param>
/// <param name="SessionId">The unique id of this run, as logged and audited.</param>
/// <param name="RunLine">Runs one more <c>--osh</c> command line as the same caller and returns its envelope (for <c>batch</c>).</param>
/// <param name="Details">What the run adds to its session-log row (target and recording) when it connects somewhere.</param>
public sealed record PluginCall(
    BastionAccount Caller,
    BastionSnapshot Snapshot,
    OshInvocation Invocation,
    ParsedOptions Options,
    OshTerminal Terminal,
    BastionServices Services,
    PluginRegistry Registry,
    string SessionId,
    string? SourceIp,
    Func<string, OshTerminal, CancellationToken, Task<OshEnvelope>> RunLine,
    PluginSessionDetails Details)
{
    /// <summary>The caller passed MFA earlier in this run (at login, or <c>--proactive-mfa</c>).</summary>
    public bool MfaValidated { get; init; }

    /// <summary>The administrator's configuration of this plugin (<c>plugin.NAME.conf</c>).</summary>
    public Configuration.PluginConfig Config { get; init; } = Configuration.PluginConfig.None;

    /// <summary>
    /// Runs a command string as if the given account had sent it after <c>--</c> (a connection, a plugin), with every
    /// check a login makes, its own session row and audit record; returns its exit status. For plugins that connect
    /// on the caller's behalf (<c>clush</c>, with the caller) or impersonate another account (<c>adminSudo</c>): factors
    /// the caller gave stand only for its own runs.
    /// </summary>
    public Func<BastionAccount, string, OshTerminal, CancellationToken, Task<int>> RunShellLine { get; init; } =
        (_, _, _, _) => throw new InvalidOperationException("This call cannot open connections.");

    public DateTimeOffset Now => Services.Time.GetUtcNow();

    /// <summary>A line of human text on stdout (suppressed by nothing: JSON clients read only the envelope).</summary>
    public Task SayAsync(string line, CancellationToken cancellationToken) => Terminal.WriteLineAsync(line, cancellationToken);
}
