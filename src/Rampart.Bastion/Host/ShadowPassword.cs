using System.Globalization;
using System.Text.Json.Nodes;

namespace Rampart.Bastion.Host;

/// <summary>
/// An OS user's password state from <c>/etc/shadow</c>, as The Bastion's <c>sys_getpasswordinfo</c> reports it in
/// <c>info</c> (each field prefixed <c>password_</c>): whether a password is set, and its aging policy.
/// </summary>
public sealed record ShadowPassword(
    string User, string Password, long ChangedTimestamp, int MinDays, int MaxDays, int WarnDays, int InactiveDays, long DisabledTimestamp)
{
    private const long Day = 86400;

    /// <summary>The entry of <paramref name="user"/>; null when it is missing or the file can't be read (the daemon isn't root).</summary>
    public static ShadowPassword? Read(string user, string path = "/etc/shadow")
    {
        try
        {
            return File.ReadLines(path).Select(line => line.Split(':')).Where(f => f.Length >= 8 && f[0] == user).Select(Parse).FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The fields The Bastion reports, under <c>password_</c> names, added to <paramref name="value"/>.</summary>
    public void AddTo(JsonObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value["password_user"] = User;
        value["password_password"] = Password;
        value["password_date_changed_timestamp"] = ChangedTimestamp;
        value["password_date_changed"] = DateText(ChangedTimestamp);
        value["password_min_days"] = MinDays;
        value["password_max_days"] = MaxDays;
        value["password_warn_days"] = WarnDays;
        value["password_inactive_days"] = InactiveDays;
        value["password_date_disabled_timestamp"] = DisabledTimestamp;
        value["password_date_disabled"] = DateText(DisabledTimestamp);
    }

    private static ShadowPassword Parse(string[] fields)
    {
        // The Bastion's reading: a hash starting with * or ! is locked; empty numbers are 0, except inactive (-1);
        // a maximum of 9999 days or more means no maximum (-1).
        var password = fields[1] switch
        {
            "" => "empty",
            ['*' or '!', ..] => "locked",
            _ => "set",
        };
        var maxDays = Number(fields[4], 0);
        return new ShadowPassword(fields[0], password, Day * Number(fields[2], 0), Number(fields[3], 0), maxDays >= 9999 ? -1 : maxDays,
            Number(fields[5], 0), Number(fields[6], -1), Day * Number(fields[7], 0));
    }

    private static int Number(string text, int empty) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : empty;

    private static string? DateText(long timestamp) =>
        timestamp == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
