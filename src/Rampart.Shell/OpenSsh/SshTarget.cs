namespace Rampart.Shell.OpenSsh;

/// <summary>Everything the OpenSSH client needs to reach one host. No secret lives here, only a key file's path.</summary>
/// <param name="Options">Extra <c>-o Name=value</c> options, already checked by the ssh type's validation.</param>
public sealed record SshTarget(string Host, int Port, string? User, string? IdentityFile, IReadOnlyList<string> Options);
