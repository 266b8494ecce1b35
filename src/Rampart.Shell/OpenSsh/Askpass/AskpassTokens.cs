using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Rampart.Shell.OpenSsh.Askpass;

/// <summary>
/// One-time tokens handed to the ssh processes of a shell launch. A token names the password logins of that launch
/// (the target and its gateways); each can be answered at most twice (password, then keyboard-interactive) and only
/// within two minutes. ssh's prompt says which host it is logging into, so one token serves a whole jump chain.
/// </summary>
public sealed class AskpassTokens(TimeProvider time)
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(2);
    private const int AnswersPerHop = 2;

    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    public string Issue(IReadOnlyList<AskpassHop> hops)
    {
        Prune();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _grants[token] = new Grant(hops, time.GetUtcNow() + s_lifetime);
        return token;
    }

    /// <summary>The connection whose password answers <paramref name="prompt"/>, or null when the token is unknown,
    /// expired or used up, or the prompt names none of its hosts.</summary>
    public Guid? Redeem(string token, string prompt)
    {
        if (!_grants.TryGetValue(token, out var grant) || grant.Expires <= time.GetUtcNow())
        {
            return null;
        }

        lock (grant)
        {
            for (var i = 0; i < grant.Hops.Count; i++)
            {
                if (grant.Answers[i] < AnswersPerHop && Names(prompt, grant.Hops[i]))
                {
                    grant.Answers[i]++;
                    return grant.Hops[i].Entry;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// ssh asks "user@host's password: " for password logins and "(user@host) Password: " for keyboard-interactive.
    /// Anything else (a key passphrase, a host key question) gets no answer.
    /// </summary>
    internal static bool Names(string prompt, AskpassHop hop)
    {
        var at = "@" + hop.Host;
        var password = prompt.Contains(at + "'s password:", StringComparison.Ordinal);
        var interactive = prompt.StartsWith('(') && prompt.Contains(at + ")", StringComparison.Ordinal)
            && prompt.Contains("assword", StringComparison.Ordinal);
        if (!password && !interactive)
        {
            return false;
        }

        return hop.User is null || prompt.Contains(hop.User + at, StringComparison.Ordinal);
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (token, grant) in _grants)
        {
            if (grant.Expires <= now)
            {
                _grants.TryRemove(token, out _);
            }
        }
    }

    private sealed class Grant(IReadOnlyList<AskpassHop> hops, DateTimeOffset expires)
    {
        public IReadOnlyList<AskpassHop> Hops { get; } = hops;

        public DateTimeOffset Expires { get; } = expires;

        public int[] Answers { get; } = new int[hops.Count];
    }
}
