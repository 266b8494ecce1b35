using Microsoft.Data.Sqlite;
using Rampart.Core.Inventory;
using Rampart.Store.Sqlite;

namespace Rampart.Store.Inventory;

/// <summary>The inventory's SQLite tables. Each change is one transaction, with commands prepared once per change.</summary>
public sealed class SqliteInventoryStore(SqliteDatabase database) : IInventoryStore
{
    public async Task<InventorySnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var categories = new List<Category>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, name, parent_id, config_json, created, last_used, last_modified FROM categories";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                categories.Add(new Category(
                    Guid.Parse(reader.GetString(0)),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : Guid.Parse(reader.GetString(2)),
                    reader.GetString(3),
                    SqliteValues.ParseTime(reader.GetString(4)),
                    SqliteValues.ParseTime(reader.GetString(5)),
                    SqliteValues.ParseTime(reader.GetString(6))));
            }
        }

        var entries = new List<Entry>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, name, category_id, type, raw_data, state_json, created, last_used, last_modified, sequence
                FROM entries ORDER BY sequence, rowid
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new Entry(
                    Guid.Parse(reader.GetString(0)),
                    reader.GetString(1),
                    Guid.Parse(reader.GetString(2)),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    SqliteValues.ParseTime(reader.GetString(6)),
                    SqliteValues.ParseTime(reader.GetString(7)),
                    SqliteValues.ParseTime(reader.GetString(8)),
                    reader.GetInt64(9)));
            }
        }

        return new InventorySnapshot(categories, entries);
    }

    public async Task ApplyAsync(InventoryChange change, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using (var upsert = Command(connection, transaction, """
            INSERT INTO categories (id, name, parent_id, config_json, created, last_used, last_modified)
            VALUES ($id, $name, $parent, $config, $created, $used, $modified)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, config_json = excluded.config_json,
                last_used = excluded.last_used, last_modified = excluded.last_modified
            """, "$id", "$name", "$parent", "$config", "$created", "$used", "$modified"))
        {
            foreach (var c in change.UpsertedCategories)
            {
                await ExecuteAsync(upsert, cancellationToken, SqliteValues.Id(c.Id), c.Name, SqliteValues.NullableId(c.ParentId), c.ConfigJson,
                    SqliteValues.Time(c.Created), SqliteValues.Time(c.LastUsed), SqliteValues.Time(c.LastModified));
            }
        }

        await using (var delete = Command(connection, transaction, "DELETE FROM categories WHERE id = $id", "$id"))
        {
            foreach (var id in change.DeletedCategories)
            {
                await ExecuteAsync(delete, cancellationToken, SqliteValues.Id(id));
            }
        }

        await using (var delete = Command(connection, transaction, "DELETE FROM entries WHERE id = $id", "$id"))
        {
            foreach (var id in change.DeletedEntries)
            {
                await ExecuteAsync(delete, cancellationToken, SqliteValues.Id(id));
            }
        }

        await using (var upsert = Command(connection, transaction, """
            INSERT INTO entries (id, name, category_id, type, raw_data, state_json, created, last_used, last_modified, sequence)
            VALUES ($id, $name, $category, $type, $raw, $state, $created, $used, $modified, $sequence)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, category_id = excluded.category_id, type = excluded.type,
                raw_data = excluded.raw_data, state_json = excluded.state_json, last_used = excluded.last_used,
                last_modified = excluded.last_modified, sequence = excluded.sequence
            """, "$id", "$name", "$category", "$type", "$raw", "$state", "$created", "$used", "$modified", "$sequence"))
        {
            foreach (var e in change.UpsertedEntries)
            {
                await ExecuteAsync(upsert, cancellationToken, SqliteValues.Id(e.Id), e.Name, SqliteValues.Id(e.CategoryId), e.Type, e.RawData,
                    e.StateJson, SqliteValues.Time(e.Created), SqliteValues.Time(e.LastUsed), SqliteValues.Time(e.LastModified), e.Sequence);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static async Task ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
