namespace Rampart.Bastion.Egress;

/// <summary>Why an egress connection is not made: The Bastion's error code, message and exit status.</summary>
public sealed record EgressRefusal(string Code, string Message, int ExitCode);
