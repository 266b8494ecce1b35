namespace Rampart.Bastion.Mfa;

/// <summary>Why an MFA step stopped the run: The Bastion's error code, message and exit status.</summary>
public sealed record MfaRefusal(string Code, string Message, int ExitCode);
