namespace Rampart.Bastion.Dispatch;

/// <summary>
/// The terminal of a command run inside <c>batch</c>: its human text goes to the outer terminal, stdin is empty (the
/// batch itself consumes the real stdin) and raw mode is refused.
/// </summary>
public sealed class CapturedTerminal(OshTerminal outer) : OshTerminal
{
    public override bool IsTty => false;

    public override string? Term => outer.Term;

    public override IReadOnlyDictionary<string, string> Locale => outer.Locale;

    public override (int Rows, int Columns) Size => outer.Size;

    public override Stream Stdin { get; } = new MemoryStream([], writable: false);

    public override ValueTask WriteStdoutAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        outer.WriteStdoutAsync(data, cancellationToken);

    public override ValueTask WriteStderrAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        outer.WriteStderrAsync(data, cancellationToken);

    public override ValueTask RequestRawModeAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A batch command cannot open an interactive session.");

    public override ValueTask RestoreTerminalAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
