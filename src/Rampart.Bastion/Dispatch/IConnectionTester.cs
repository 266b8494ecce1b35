using System.Net;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Dispatch;

/// <summary>Checks that a server accepts one of the given egress keys, before an ACL entry is added without <c>--force</c>.</summary>
public interface IConnectionTester
{
    /// <summary>Null when the login worked, else what went wrong.</summary>
    Task<string?> TestAsync(IReadOnlyList<EgressKey> keys, string user, IPAddress address, int port, CancellationToken cancellationToken);
}
