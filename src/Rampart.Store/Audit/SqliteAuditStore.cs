using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Rampart.Core.Audit;
using Rampart.Store.Sqlite;

namespace Rampart.Store.Audit;

/// <summary>The audit trail in SQLite: one row per record, protected by triggers against updates and deletes.</summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    private const string Columns = "sequence, id, time, actor, source, action, target, outcome, detail, previous_hash, hash";

    public async Task<AuditRecord?> LastAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit ORDER BY sequence DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO audit ({Columns}) VALUES ($sequence, $id, $time, $actor, $source, $action, $target, $outcome, $detail, $previous, $hash)";
        foreach (var name in new[] { "$sequence", "$id", "$time", "$actor", "$source", "$action", "$target", "$outcome", "$detail", "$previous", "$hash" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var r in records)
        {
            object?[] values =
            [
                r.Sequence, SqliteValues.Id(r.Id), SqliteValues.Time(r.Event.Time), r.Event.Actor, r.Event.Source, r.Event.Action,
                (object?)r.Event.Target ?? DBNull.Value, r.Event.Outcome, (object?)r.Event.Detail ?? DBNull.Value, r.PreviousHash, r.Hash,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<AuditRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit ORDER BY sequence";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM audit
            WHERE ($actor IS NULL OR instr(lower(actor), lower($actor)) > 0)
              AND ($action IS NULL OR instr(lower(action), lower($action)) > 0)
              AND ($target IS NULL OR instr(lower(coalesce(target, '')), lower($target)) > 0)
              AND ($outcome IS NULL OR lower(outcome) = lower($outcome))
              AND ($since IS NULL OR time >= $since)
            ORDER BY sequence DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$actor", (object?)query.Actor ?? DBNull.Value);
        command.Parameters.AddWithValue("$action", (object?)query.Action ?? DBNull.Value);
        command.Parameters.AddWithValue("$target", (object?)query.Target ?? DBNull.Value);
        command.Parameters.AddWithValue("$outcome", (object?)query.Outcome ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", SqliteValues.NullableTime(query.Since));
        command.Parameters.AddWithValue("$limit", query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static AuditRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        Guid.Parse(reader.GetString(1)),
        new AuditEvent(
            SqliteValues.ParseTime(reader.GetString(2)), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)),
        reader.GetString(9),
        reader.GetString(10));
}
