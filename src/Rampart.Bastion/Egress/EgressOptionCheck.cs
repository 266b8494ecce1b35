using System.Net;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Egress;

/// <summary>
/// The connection options this bastion refuses, as The Bastion refuses them under its default policy: telnet
/// (<c>telnetAllowed</c>), proxy jumps (<c>egressProxyJumpAllowed</c>), and a <c>--bind</c> address that is not one of
/// the bastion's own. An option is never silently dropped: a connection made another way than asked could reach a
/// server by a path nobody meant.
/// </summary>
internal static class EgressOptionCheck
{
    public static OshRefusal? Refusal(OshInvocation invocation, PasswordLogin? login, string account)
    {
        if (invocation.Telnet || login is { Telnet: true })
        {
            return new OshRefusal("KO_TELNET_DENIED", $"Sorry {account}, the telnet protocol has been disabled by policy", OshExitCode.AccessDenied);
        }

        if (invocation.ProxyJump is not null)
        {
            return new OshRefusal("KO_PROXYJUMP_DENIED", "egress proxy-jump connections have been disabled by policy", OshExitCode.AccessDenied);
        }

        if (invocation.Bind is { } bind && !IsOwnAddress(bind))
        {
            return new OshRefusal("KO_INVALID_BIND", $"Invalid binding IP specified ({bind})", OshExitCode.ConflictingOptions);
        }

        return null;
    }

    private static bool IsOwnAddress(string text) => IPAddress.TryParse(text, out var address) && Host.HostAddresses.IsOwn(address);
}
