namespace Rampart.Bastion.Osh;

/// <summary>Why a run stops before it starts (an MFA step, an egress check, a plugin's policy): The Bastion's error
/// code, message and exit status.</summary>
public sealed record OshRefusal(string Code, string Message, int ExitCode);
