namespace Rampart.Core.Bastion.Sessions;

/// <summary>The bastion's session log: a row at start, completed at the end.</summary>
public interface IBastionSessionLog
{
    Task StartAsync(BastionSession session, CancellationToken cancellationToken);

    Task FinishAsync(string id, DateTimeOffset ended, int returned, CancellationToken cancellationToken);

    /// <summary>The account's sessions, oldest first, at most <paramref name="limit"/> of the newest.</summary>
    Task<IReadOnlyList<BastionSession>> ListAsync(string account, int limit, CancellationToken cancellationToken);

    Task<BastionSession?> FindAsync(string account, string id, CancellationToken cancellationToken);
}
