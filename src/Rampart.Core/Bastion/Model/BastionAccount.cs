using System.Collections.Immutable;
using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Mfa;

namespace Rampart.Core.Bastion.Model;

/// <summary>
/// A bastion account: an OS user of the same name and uid whose login shell is Rampart's entry program. Everything
/// the bastion knows about it lives here; the OS user carries no state but its uid.
/// </summary>
/// <param name="Grants">Restricted plugins this account may run (The Bastion's <c>osh-PLUGIN</c> groups), plus <c>auditor</c>.</param>
/// <param name="PersonalAccesses">The account's own ACL (<c>allowed.private</c>), reached with its personal egress keys.</param>
/// <param name="Expiry">When a TTL given at creation runs out; logins are refused after it.</param>
/// <param name="OshOnly">A robot that may run plugins but never open an egress connection.</param>
/// <param name="LastLogin">When the account last logged in (or was unexpired); null before its first login.</param>
/// <param name="MaxInactiveDays">Its own inactivity limit (The Bastion's per-account <c>accountMaxInactiveDays</c>):
/// null for the bastion's policy, 0 for never, else the days without a login after which logins are refused.</param>
/// <param name="Mfa">Its second factors and MFA rules; null until it has any.</param>
/// <param name="EgressPasswords">Its egress passwords, newest (the current one) first; null until it has any.</param>
/// <param name="IdleIgnore">Exempt from the idle lock and kill timeouts (The Bastion's <c>idle_ignore</c>), for robots.</param>
public sealed record BastionAccount(
    string Name,
    int Uid,
    DateTimeOffset Created,
    string CreatedBy,
    string? Comment,
    bool IsAdmin,
    bool IsSuperOwner,
    ImmutableSortedSet<string> Grants,
    ImmutableArray<IngressKey> IngressKeys,
    ImmutableArray<EgressKey> EgressKeys,
    ImmutableArray<AclEntry> PersonalAccesses,
    FreezeInfo? Frozen,
    DateTimeOffset? Expiry,
    bool AlwaysActive,
    bool OshOnly,
    DateTimeOffset? LastLogin,
    int? MaxInactiveDays = null,
    AccountMfa? Mfa = null,
    bool IdleIgnore = false,
    IReadOnlyList<EgressPassword>? EgressPasswords = null)
{
    /// <summary>Its egress passwords, the current one first.</summary>
    public IReadOnlyList<EgressPassword> Passwords => EgressPasswords ?? [];

    public const string AuditorGrant = "auditor";

    public bool IsAuditor => Grants.Contains(AuditorGrant);

    /// <summary>Its MFA state, <see cref="AccountMfa.None"/> when it has none.</summary>
    public AccountMfa MfaState => Mfa ?? AccountMfa.None;

    public bool IsTtlExpired(DateTimeOffset now) => Expiry is { } expiry && expiry <= now;

    public bool HasGrant(string plugin) => Grants.Contains(plugin);

    /// <summary>Whole days since the last login, or since creation for an account that never logged in.</summary>
    public int InactiveDays(DateTimeOffset now) => (int)Math.Max(0, (now - (LastLogin ?? Created)).TotalDays);

    /// <summary>The inactivity limit that applies: the account's own, else the bastion's; 0 means none.</summary>
    public int InactivityLimit(int bastionDays) => MaxInactiveDays ?? Math.Max(0, bastionDays);

    /// <summary>
    /// Whether logins are refused for inactivity, as The Bastion's <c>is_account_nonexpired</c>: a limit applies and the
    /// account has gone that many days without a login. Admins are never expired here: an expired admin could not be
    /// brought back over ssh, and a bastion whose admins all expired would have no way back; freeze dormant admins instead.
    /// </summary>
    public bool IsInactivityExpired(DateTimeOffset now, int bastionDays) =>
        !IsAdmin && InactivityLimit(bastionDays) is > 0 and var limit && InactiveDays(now) >= limit;
}
