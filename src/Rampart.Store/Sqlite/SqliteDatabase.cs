using Microsoft.Data.Sqlite;

namespace Rampart.Store.Sqlite;

/// <summary>
/// The SQLite database file in the data directory. WAL lets reads proceed during a write; synchronous=FULL makes a
/// committed transaction survive power loss as well as <c>kill -9</c>.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "rampart.db";

    private readonly string _connectionString;

    public SqliteDatabase(string dataDirectory)
    {
        Path = System.IO.Path.Combine(dataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates the file owner-only (it holds hashes and sealed secrets) and applies pending migrations.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            using (File.Create(Path))
            {
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        await using var connection = await OpenAsync(cancellationToken);
        await Migrations.ApplyAsync(connection, cancellationToken);
    }
}
