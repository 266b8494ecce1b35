using Rampart.Core.Access;
using Rampart.Store.Sqlite;

namespace Rampart.Store.Access;

/// <summary>API keys in SQLite: name, prefix, hash and bastion account; never the key itself. Only use and revocation change later.</summary>
public sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    public async Task<IReadOnlyList<ApiKey>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, prefix, hash, created, last_used, revoked, may_run_on_gateway, bastion_account FROM api_keys";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKey(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                (byte[])reader.GetValue(3),
                SqliteValues.ParseTime(reader.GetString(4)),
                reader.IsDBNull(5) ? null : SqliteValues.ParseTime(reader.GetString(5)),
                reader.IsDBNull(6) ? null : SqliteValues.ParseTime(reader.GetString(6)),
                reader.GetInt64(7) != 0,
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return keys;
    }

    public async Task SaveAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (id, name, prefix, hash, created, last_used, revoked, may_run_on_gateway, bastion_account)
            VALUES ($id, $name, $prefix, $hash, $created, $used, $revoked, $gateway, $account)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_used = excluded.last_used, revoked = excluded.revoked
            """;
        command.Parameters.AddWithValue("$id", SqliteValues.Id(key.Id));
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$prefix", key.Prefix);
        command.Parameters.AddWithValue("$hash", key.Hash);
        command.Parameters.AddWithValue("$created", SqliteValues.Time(key.Created));
        command.Parameters.AddWithValue("$used", SqliteValues.NullableTime(key.LastUsed));
        command.Parameters.AddWithValue("$revoked", SqliteValues.NullableTime(key.Revoked));
        command.Parameters.AddWithValue("$gateway", key.MayRunOnGateway ? 1 : 0);
        command.Parameters.AddWithValue("$account", (object?)key.BastionAccount ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
