using System.Text.RegularExpressions;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Egress;

/// <summary>
/// Password autologin, as The Bastion's: <c>-P</c>/<c>--self-password</c> types the account's own egress passwords,
/// <c>--password GROUP</c> a group's, and a remote user written <c>ssh-password-USER[-GROUP]</c> logs in as USER with
/// GROUP's passwords (USER's when no group is named); <c>telnet-password-…</c> asks for telnet. The access itself is
/// decided by the ACLs as for keys; the passwords only replace the keys.
/// </summary>
internal sealed partial record PasswordLogin(bool Self, string Name, bool Telnet)
{
    /// <summary>The login the options ask for (null for keys) and the remote user once a password prefix is taken off.</summary>
    public static (PasswordLogin? Login, string? User) From(OshInvocation invocation, string account)
    {
        if (invocation.User is { } user && PrefixedUser().Match(user) is { Success: true } match)
        {
            var remote = match.Groups["user"].Value;
            var group = match.Groups["group"].Success ? match.Groups["group"].Value : remote;
            return (new PasswordLogin(false, group, match.Groups["method"].Value == "telnet"), remote);
        }

        if (invocation.PasswordGroup is { Length: > 0 } named)
        {
            return (new PasswordLogin(false, named, false), invocation.User);
        }

        return invocation.SelfPassword ? (new PasswordLogin(true, account, false), invocation.User) : (null, invocation.User);
    }

    /// <summary>The Bastion's words when there is no password to use.</summary>
    public string NotFound => $"Unable to find (or read) a password file in context '{(Self ? "self" : "group")}' and name '{Name}'";

    /// <summary>
    /// The passwords to try, current first; none when the account has no such passwords or may not use the group's
    /// (only its members and guests may, as only they can read a group's password file in The Bastion).
    /// </summary>
    public IReadOnlyList<EgressPassword> Passwords(BastionSnapshot snapshot, BastionAccount account)
    {
        if (Self)
        {
            return account.Passwords;
        }

        return snapshot.Group(Name) is { } group && (group.Members.Contains(account.Name) || group.GuestAccesses.ContainsKey(account.Name))
            ? group.Passwords
            : [];
    }

    /// <summary>
    /// The grants' <c>--force-password</c>, for the grants this login's passwords belong to: the one password whose
    /// hash it is, null when no grant forces one, and an empty list when the forced one is not among them.
    /// </summary>
    public IReadOnlyList<EgressPassword>? Forced(IReadOnlyList<AccessGrant> grants, IReadOnlyList<EgressPassword> passwords)
    {
        var forced = grants
            .Where(g => Self ? g.Group is null : g.Group == Name)
            .Select(g => g.Entry.ForcePassword)
            .OfType<string>()
            .ToList();
        return forced.Count == 0 ? null : [.. passwords.Where(p => forced.Any(p.Hashes.Has)).Take(1)];
    }

    [GeneratedRegex("^(?<method>telnet|ssh)-passw(or)?d-(?<user>[^-]+)(-(?<group>[^-]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedUser();
}
