using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rampart.Core.Bastion.Sessions;
using Rampart.Store.Sqlite;

namespace Rampart.Store.Bastion;

/// <summary>The bastion's session log in SQLite: a row when a session starts, its end and exit status filled in later.</summary>
public sealed class SqliteBastionSessionLog(SqliteDatabase database) : IBastionSessionLog
{
    public async Task StartAsync(BastionSession session, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO bastion_sessions (id, account, started, document, ended, returned)
            VALUES ($id, $account, $started, $document, $ended, $returned)
            """;
        command.Parameters.AddWithValue("$id", session.Id);
        command.Parameters.AddWithValue("$account", session.Account);
        command.Parameters.AddWithValue("$started", SqliteValues.Time(session.Started));
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(session, BastionJson.Options));
        command.Parameters.AddWithValue("$ended", SqliteValues.NullableTime(session.Ended));
        command.Parameters.AddWithValue("$returned", (object?)session.Returned ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FinishAsync(string id, DateTimeOffset ended, int returned, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE bastion_sessions SET ended = $ended, returned = $returned WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$ended", SqliteValues.Time(ended));
        command.Parameters.AddWithValue("$returned", returned);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BastionSession>> ListAsync(string account, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT document, ended, returned FROM bastion_sessions WHERE account = $account ORDER BY started DESC, rowid DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$limit", limit);
        var sessions = await ReadAsync(command, cancellationToken);
        sessions.Reverse();
        return sessions;
    }

    public async Task<BastionSession?> FindAsync(string account, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, ended, returned FROM bastion_sessions WHERE account = $account AND id = $id";
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$id", id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static async Task<List<BastionSession>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<BastionSession>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var session = JsonSerializer.Deserialize<BastionSession>(reader.GetString(0), BastionJson.Options)!;
            sessions.Add(session with
            {
                Ended = reader.IsDBNull(1) ? session.Ended : SqliteValues.ParseTime(reader.GetString(1)),
                Returned = reader.IsDBNull(2) ? session.Returned : reader.GetInt32(2),
            });
        }

        return sessions;
    }
}
