using Rampart.Core.Bastion.Access;
using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Idle;

/// <summary>
/// The idle timeouts of one egress session, decided as The Bastion does (<c>groupModify</c>'s help): an account with
/// <c>idle_ignore</c> has none; a group the session's grants come from may override the bastion-wide values, unless
/// the entry that matched is a catch-all (<c>0.0.0.0/0</c>, <c>::/0</c>); one group's override applies as it is
/// (zero turning the timeout off), and when several groups override, the shortest positive value among them and the
/// bastion-wide one wins.
/// </summary>
public static class IdlePolicy
{
    public static IdleTimeouts For(IdleTimeouts bastionWide, BastionSnapshot snapshot, BastionAccount account, IReadOnlyList<AccessGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(bastionWide);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(grants);
        if (account.IdleIgnore)
        {
            return IdleTimeouts.None;
        }

        var settings = grants
            .Where(g => g.Group is not null && g.Entry.Network.PrefixLength > 0)
            .Select(g => g.Group!)
            .Distinct(StringComparer.Ordinal)
            .Select(name => snapshot.Group(name)?.Settings)
            .OfType<GroupSettings>()
            .ToList();
        return bastionWide with
        {
            Lock = Decide(bastionWide.Lock, settings.Select(s => s.IdleLockTimeout)),
            Kill = Decide(bastionWide.Kill, settings.Select(s => s.IdleKillTimeout)),
        };
    }

    private static TimeSpan Decide(TimeSpan bastionWide, IEnumerable<TimeSpan?> overrides)
    {
        var given = overrides.OfType<TimeSpan>().ToList();
        return given.Count switch
        {
            0 => bastionWide,
            1 => given[0],
            _ => given.Append(bastionWide).Where(t => t > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Min(),
        };
    }
}
