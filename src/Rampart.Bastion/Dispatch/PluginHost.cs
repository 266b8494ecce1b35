using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Dispatch;

/// <summary>
/// The reference resolves a plugin's <c>--host</c> in the shell, before the plugin is even looked up: a subnet with a
/// bad prefix is 128 <c>KO_INVALID_REMOTE_HOST</c>, a name that doesn't resolve 102 <c>KO_HOST_NOT_FOUND</c>, both
/// with command null. Plugins resolve it again for themselves.
/// </summary>
public static class PluginHost
{
    /// <summary>The shell-level refusal for the invocation's host, or null when there is no host or it resolves.</summary>
    public static async Task<(string Code, string Message, int ExitCode)?> ProblemAsync(OshInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var host = invocation.Host;
        if (string.IsNullOrEmpty(host) || HostSpec.TryParseIp(host, allowSubnet: true, out _, out _))
        {
            return null;
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return ("KO_INVALID_REMOTE_HOST", $"Remote host '{host}' looks like a subnet, but with an invalid prefix", OshExitCode.InvalidRemoteHost);
        }

        return await HostResolution.AddressAsync(host, cancellationToken) is not null
            ? null
            : ("KO_HOST_NOT_FOUND", $"Unable to resolve '{host}'", OshExitCode.HostNotFound);
    }
}
