using System.Buffers;

namespace Rampart.Bastion.Dispatch;

/// <summary>
/// A terminal for a connection a plugin opens on the caller's behalf (<c>clush</c>): what it writes is kept for the
/// plugin's answer and, when <paramref name="forward"/>, reaches the caller as it comes; it has no pty. Stdin is the
/// caller's, or empty.
/// </summary>
public sealed class CopyingTerminal(OshTerminal outer, bool forward, bool withStdin) : OshTerminal
{
    private readonly ArrayBufferWriter<byte> _stdout = new();
    private readonly ArrayBufferWriter<byte> _stderr = new();

    public override bool IsTty => false;

    public override string? Term => outer.Term;

    public override IReadOnlyDictionary<string, string> Locale => outer.Locale;

    public override (int Rows, int Columns) Size => outer.Size;

    public override Stream Stdin { get; } = withStdin ? outer.Stdin : new MemoryStream([], writable: false);

    public ReadOnlyMemory<byte> Stdout => _stdout.WrittenMemory;

    public ReadOnlyMemory<byte> Stderr => _stderr.WrittenMemory;

    public override ValueTask WriteStdoutAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _stdout.Write(data.Span);
        return forward ? outer.WriteStdoutAsync(data, cancellationToken) : ValueTask.CompletedTask;
    }

    public override ValueTask WriteStderrAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _stderr.Write(data.Span);
        return forward ? outer.WriteStderrAsync(data, cancellationToken) : ValueTask.CompletedTask;
    }

    public override ValueTask RequestRawModeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override ValueTask RestoreTerminalAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Output as the lines The Bastion's JSON gives for a command's output: without their ends, none for nothing.</summary>
    public static string[] Lines(ReadOnlyMemory<byte> bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes.Span);
        return text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
    }
}
