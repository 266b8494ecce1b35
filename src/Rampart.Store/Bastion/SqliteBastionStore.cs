using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rampart.Core.Bastion.Directory;
using Rampart.Core.Bastion.Model;
using Rampart.Store.Sqlite;

namespace Rampart.Store.Bastion;

/// <summary>Bastion accounts, groups and settings in SQLite, one JSON document per row, each change in one transaction.</summary>
public sealed class SqliteBastionStore(SqliteDatabase database) : IBastionStore
{
    private const string MaintenanceKey = "maintenance";

    public async Task<BastionSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var accounts = ImmutableSortedDictionary.CreateBuilder<string, BastionAccount>();
        foreach (var document in await ReadColumnAsync(connection, "SELECT document FROM bastion_accounts", cancellationToken))
        {
            var account = JsonSerializer.Deserialize<BastionAccount>(document, BastionJson.Options)!;
            accounts[account.Name] = account;
        }

        var groups = ImmutableSortedDictionary.CreateBuilder<string, BastionGroup>();
        foreach (var document in await ReadColumnAsync(connection, "SELECT document FROM bastion_groups", cancellationToken))
        {
            var group = JsonSerializer.Deserialize<BastionGroup>(document, BastionJson.Options)!;
            groups[group.Name] = group;
        }

        var maintenance = (await ReadColumnAsync(connection, $"SELECT value FROM bastion_settings WHERE key = '{MaintenanceKey}'", cancellationToken))
            .Select(value => JsonSerializer.Deserialize<MaintenanceState>(value, BastionJson.Options))
            .FirstOrDefault();
        return new BastionSnapshot(accounts.ToImmutable(), groups.ToImmutable(), maintenance);
    }

    public async Task ApplyAsync(BastionDelta delta, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var name in delta.DeletedAccounts)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM bastion_accounts WHERE name = $name", cancellationToken, ("$name", name));
        }

        foreach (var account in delta.SavedAccounts)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO bastion_accounts (name, uid, document) VALUES ($name, $uid, $document)
                ON CONFLICT (name) DO UPDATE SET uid = excluded.uid, document = excluded.document
                """, cancellationToken,
                ("$name", account.Name), ("$uid", account.Uid), ("$document", JsonSerializer.Serialize(account, BastionJson.Options)));
        }

        foreach (var name in delta.DeletedGroups)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM bastion_groups WHERE name = $name", cancellationToken, ("$name", name));
        }

        foreach (var group in delta.SavedGroups)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO bastion_groups (name, document) VALUES ($name, $document)
                ON CONFLICT (name) DO UPDATE SET document = excluded.document
                """, cancellationToken,
                ("$name", group.Name), ("$document", JsonSerializer.Serialize(group, BastionJson.Options)));
        }

        if (delta.MaintenanceChanged)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM bastion_settings WHERE key = $key", cancellationToken, ("$key", MaintenanceKey));
            if (delta.Maintenance is { } maintenance)
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO bastion_settings (key, value) VALUES ($key, $value)", cancellationToken,
                    ("$key", MaintenanceKey), ("$value", JsonSerializer.Serialize(maintenance, BastionJson.Options)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<List<string>> ReadColumnAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
