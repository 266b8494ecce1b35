using Rampart.Core.Bastion.Directory;
using Rampart.Core.Bastion.Mfa;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Mfa;

/// <summary>The one way an account's MFA state changes: applied to its current state, stored only when it changed.</summary>
public static class MfaUpdates
{
    /// <summary>False when the account is gone or <paramref name="change"/> changed nothing.</summary>
    public static Task<bool> ApplyAsync(BastionDirectory directory, string account, Func<AccountMfa, AccountMfa> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(change);
        return directory.ChangeAsync(snapshot =>
        {
            if (snapshot.Account(account) is not { } current)
            {
                return ((BastionSnapshot?)null, false);
            }

            var before = current.MfaState;
            var after = change(before);
            return after == before ? (null, false) : (snapshot.With(current with { Mfa = after }), true);
        }, cancellationToken);
    }
}
