using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Dispatch;

/// <summary>Opens egress connections (<c>ssh acct@gw -- user@host [-- cmd]</c>): access decision, recording, relay.</summary>
public interface IEgressSessions
{
    /// <summary>Runs the session to its end and returns the exit status to hand back to the client.</summary>
    Task<int> RunAsync(OshCaller caller, OshInvocation invocation, OshTerminal terminal, string sessionId, CancellationToken cancellationToken);
}
