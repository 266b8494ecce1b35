using Rampart.Shell.OpenSsh.Askpass;

namespace Rampart.Shell.OpenSsh;

/// <summary>Everything the OpenSSH client needs to reach one host. No secret lives here: a key file's path, an
/// agent's socket, and which connection's password to give when ssh asks for one.</summary>
/// <param name="IdentityFile">The private key file, or with an <see cref="Agent"/> the public half of the agent's key.</param>
/// <param name="Options">Extra <c>-o Name=value</c> options, already checked by the ssh type's validation.</param>
/// <param name="Gateway">The host to jump through first, or null for a direct connection.</param>
/// <param name="ConfigFile">
/// For <c>sshConfigHost</c>: the OpenSSH config file that defines <see cref="Host"/> as an alias; null means none is read.
/// </param>
public sealed record SshTarget(
    string Host, int? Port, string? User, string? IdentityFile, IReadOnlyList<string> Options, SshTarget? Gateway = null, string? ConfigFile = null)
{
    /// <summary>Rampart's ssh-agent holding the key given as key material, or null.</summary>
    public AgentIdentity? Agent { get; init; }

    /// <summary>The password login, answered through askpass, or null for key-only logins.</summary>
    public AskpassHop? Password { get; init; }

    /// <summary>The password logins along the chain, the target first.</summary>
    public IEnumerable<AskpassHop> PasswordHops()
    {
        for (var hop = this; hop is not null; hop = hop.Gateway)
        {
            if (hop.Password is not null)
            {
                yield return hop.Password;
            }
        }
    }
}
