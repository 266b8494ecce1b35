namespace Rampart.Bastion.Egress;

/// <summary>How one egress ssh logs in beyond the session agent's keys, from the account's options.</summary>
/// <param name="ConnectTimeout"><c>--timeout</c>: ssh's ConnectTimeout.</param>
/// <param name="Bind"><c>--bind IP</c>: the bastion address the connection leaves from (checked to be one of its own).</param>
/// <param name="KeyboardInteractive"><c>--kbd-interactive</c>: the remote side may also ask questions on the account's
/// terminal (a one-time code), after the keys.</param>
/// <param name="PasswordPrompts">Password autologin: no keys, and this many passwords to type (the current one, then
/// the fallbacks) through <see cref="AskpassFeeder"/>; 0 for a key login.</param>
public sealed record EgressSshOptions(TimeSpan? ConnectTimeout = null, string? Bind = null, bool KeyboardInteractive = false, int PasswordPrompts = 0)
{
    public static EgressSshOptions Default { get; } = new();
}
