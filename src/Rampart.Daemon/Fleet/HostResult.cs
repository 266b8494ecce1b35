using System.Text.Json.Nodes;

namespace Rampart.Daemon.Fleet;

/// <summary>How one host fared in a fleet job.</summary>
/// <param name="Status"><c>ok</c> (exit 0), <c>failed</c> (other exit code), <c>unreachable</c> (no shell),
/// <c>timeout</c>, or <c>cancelled</c>.</param>
/// <param name="Error">Why there is no exit code (unreachable, timeout, cancelled), else null.</param>
public sealed record HostResult(
    Guid Connection, string Name, string Status, int? ExitCode, string Stdout, string Stderr, double DurationMs, string? Error)
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Unreachable = "unreachable";
    public const string TimedOut = "timeout";
    public const string Cancelled = "cancelled";

    public JsonObject ToJson() => new()
    {
        ["connection"] = Connection.ToString("D"),
        ["name"] = Name,
        ["status"] = Status,
        ["exitCode"] = ExitCode,
        ["stdout"] = Stdout,
        ["stderr"] = Stderr,
        ["durationMs"] = Math.Round(DurationMs, 1),
        ["error"] = Error,
    };
}
