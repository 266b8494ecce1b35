using System.Globalization;

namespace Rampart.Store.Sqlite;

/// <summary>How values are written to and read from SQLite columns: ids as canonical text, times as round-trip ISO 8601.</summary>
internal static class SqliteValues
{
    public static string Id(Guid id) => id.ToString("D");

    public static object NullableId(Guid? id) => id is { } value ? Id(value) : DBNull.Value;

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static object NullableTime(DateTimeOffset? time) => time is { } value ? Time(value) : DBNull.Value;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
