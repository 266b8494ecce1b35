using System.Net;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Idle;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Egress;

/// <summary>
/// An egress connection once it is allowed: where to, the grants that allow it, and how to log in: the keys for the
/// session agent, or the egress passwords (current first) for a password login; never both.
/// </summary>
/// <param name="MfaValidated">The account's factors were asked in this run (at login, proactively or just in time).</param>
internal sealed record EgressConnection(
    string Host,
    IPAddress Address,
    string User,
    int Port,
    IReadOnlyList<AccessGrant> Grants,
    IReadOnlyList<EgressKey> Keys,
    IReadOnlyList<EgressPassword> Passwords,
    IdleTimeouts Idle,
    EgressSshOptions Ssh,
    bool MfaValidated);
