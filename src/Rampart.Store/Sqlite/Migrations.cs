using Microsoft.Data.Sqlite;

namespace Rampart.Store.Sqlite;

/// <summary>The schema's history, applied in order at start, each step in its own transaction.</summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "inventory and api keys", """
            CREATE TABLE categories (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                parent_id TEXT NULL,
                config_json TEXT NOT NULL,
                created TEXT NOT NULL,
                last_used TEXT NOT NULL,
                last_modified TEXT NOT NULL
            );
            CREATE TABLE entries (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                category_id TEXT NOT NULL,
                type TEXT NOT NULL,
                raw_data TEXT NOT NULL,
                state_json TEXT NOT NULL,
                created TEXT NOT NULL,
                last_used TEXT NOT NULL,
                last_modified TEXT NOT NULL,
                sequence INTEGER NOT NULL
            );
            CREATE INDEX entries_by_sequence ON entries (sequence);
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                hash BLOB NOT NULL,
                created TEXT NOT NULL,
                last_used TEXT NULL,
                revoked TEXT NULL
            );
            """),
        new(2, "audit trail", """
            CREATE TABLE audit (
                sequence INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                time TEXT NOT NULL,
                actor TEXT NOT NULL,
                source TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NULL,
                outcome TEXT NOT NULL,
                detail TEXT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE INDEX audit_by_time ON audit (time);
            -- Append-only inside Rampart; an edit made around it breaks the hash chain, which verify reports.
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """),
        new(3, "api keys that may run on the gateway", """
            ALTER TABLE api_keys ADD COLUMN may_run_on_gateway INTEGER NOT NULL DEFAULT 0;
            """),
        new(4, "bastion accounts, groups, settings and sessions", """
            CREATE TABLE bastion_accounts (name TEXT PRIMARY KEY, uid INTEGER NOT NULL UNIQUE, document TEXT NOT NULL);
            CREATE TABLE bastion_groups (name TEXT PRIMARY KEY, document TEXT NOT NULL);
            CREATE TABLE bastion_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE bastion_sessions (
                id TEXT PRIMARY KEY,
                account TEXT NOT NULL,
                started TEXT NOT NULL,
                document TEXT NOT NULL,
                ended TEXT NULL,
                returned INTEGER NULL
            );
            CREATE INDEX bastion_sessions_by_account ON bastion_sessions (account, started);
            """),
        new(5, "api keys that belong to a bastion account", """
            ALTER TABLE api_keys ADD COLUMN bastion_account TEXT NULL;
            """),
    ];

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        long current;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
            current = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
        }

        if (current > All[^1].Version)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this Rampart knows ({All[^1].Version}); upgrade Rampart.");
        }

        foreach (var migration in All.Where(m => m.Version > current))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = migration.Sql;
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied) VALUES ($v, $n, strftime('%Y-%m-%dT%H:%M:%fZ','now'))";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }
}
