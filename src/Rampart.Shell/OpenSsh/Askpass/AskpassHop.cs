namespace Rampart.Shell.OpenSsh.Askpass;

/// <summary>One password login of a shell launch: the target or one of its gateways.</summary>
/// <param name="Entry">The connection whose identity holds the password; it is decrypted only when ssh asks.</param>
/// <param name="User">The login user, or null when ssh picks the local user name.</param>
/// <param name="Host">The host as ssh was given it; ssh names it in its prompt.</param>
public sealed record AskpassHop(Guid Entry, string? User, string Host);
