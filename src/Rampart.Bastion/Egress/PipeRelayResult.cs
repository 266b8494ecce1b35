namespace Rampart.Bastion.Egress;

/// <summary>How a relayed command ended: ssh's exit status, and the bytes sent to it and received from its stdout.</summary>
internal sealed record PipeRelayResult(int ExitCode, long BytesIn, long BytesOut);
