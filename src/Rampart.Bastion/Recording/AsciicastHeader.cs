namespace Rampart.Bastion.Recording;

/// <summary>
/// The first line of an asciicast v2 file: the terminal's initial size, when recording began (Unix seconds), its
/// title, the player's idle limit and the captured environment (values may be null, as asciinema itself writes).
/// </summary>
public sealed record AsciicastHeader(
    int Width,
    int Height,
    long? Timestamp,
    string? Title,
    double? IdleTimeLimit,
    IReadOnlyDictionary<string, string?> Env);
