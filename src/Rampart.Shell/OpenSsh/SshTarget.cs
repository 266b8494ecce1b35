namespace Rampart.Shell.OpenSsh;

/// <summary>Everything the OpenSSH client needs to reach one host. No secret lives here, only a key file's path.</summary>
/// <param name="Options">Extra <c>-o Name=value</c> options, already checked by the ssh type's validation.</param>
/// <param name="Gateway">The host to jump through first, or null for a direct connection.</param>
/// <param name="ConfigFile">
/// For <c>sshConfigHost</c>: the OpenSSH config file that defines <see cref="Host"/> as an alias; null means none is read.
/// </param>
public sealed record SshTarget(
    string Host, int? Port, string? User, string? IdentityFile, IReadOnlyList<string> Options, SshTarget? Gateway = null, string? ConfigFile = null);
