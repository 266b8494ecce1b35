using System.Text;

namespace Rampart.Bastion.Dispatch;

/// <summary>
/// The client's end of a bastion session as the daemon sees it: stdout and stderr to write, stdin to read, a terminal
/// that can be switched to raw mode and that reports its size. The daemon implements it over the entry program's
/// socket; tests implement it in memory.
/// </summary>
public abstract class OshTerminal
{
    private StreamReader? _lines;

    /// <summary>Whether the client has a terminal (it asked for a pty).</summary>
    public abstract bool IsTty { get; }

    public abstract string? Term { get; }

    /// <summary>The client's <c>LANG</c> and <c>LC_*</c>, as its entry program sent them (unchecked); empty when unknown.</summary>
    public virtual IReadOnlyDictionary<string, string> Locale { get; } = new Dictionary<string, string>();

    /// <summary>Rows and columns of the client's terminal; 0 when unknown.</summary>
    public abstract (int Rows, int Columns) Size { get; }

    /// <summary>Raised when the client's terminal changes size.</summary>
    public event Action<int, int>? Resized;

    /// <summary>What the client sends; a read returns 0 once its stdin is closed.</summary>
    public abstract Stream Stdin { get; }

    public abstract ValueTask WriteStdoutAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    public abstract ValueTask WriteStderrAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Asks the client to put its terminal in raw mode for an interactive session.</summary>
    public abstract ValueTask RequestRawModeAsync(CancellationToken cancellationToken);

    /// <summary>Asks the client to put its terminal back as it was before raw mode (the interactive mode's next prompt).</summary>
    public abstract ValueTask RestoreTerminalAsync(CancellationToken cancellationToken);

    public ValueTask WriteStdoutAsync(string text, CancellationToken cancellationToken) =>
        WriteStdoutAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    public ValueTask WriteStderrAsync(string text, CancellationToken cancellationToken) =>
        WriteStderrAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    public Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteStdoutAsync(line + "\n", cancellationToken).AsTask();

    public Task WriteErrorLineAsync(string line, CancellationToken cancellationToken) =>
        WriteStderrAsync(line + "\n", cancellationToken).AsTask();

    /// <summary>
    /// One line of stdin without its end of line, read a byte at a time so that nothing after it is taken from the
    /// stream (a connection opened next reads the rest); null at end of input. A longer line is cut at
    /// <paramref name="maxLength"/> bytes.
    /// </summary>
    public async Task<string?> ReadLineUnbufferedAsync(int maxLength, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await Stdin.ReadAsync(one, cancellationToken) == 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString([.. bytes]);
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
            }

            if (bytes.Count < maxLength)
            {
                bytes.Add(one[0]);
            }
        }
    }

    /// <summary>The next line of stdin without its end of line, or null at end of input.</summary>
    public Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _lines ??= new StreamReader(Stdin, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return _lines.ReadLineAsync(cancellationToken).AsTask();
    }

    /// <summary>All of stdin as text, up to <paramref name="limit"/> characters.</summary>
    public async Task<string> ReadAllAsync(int limit, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        while (text.Length <= limit && await ReadLineAsync(cancellationToken) is { } line)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    protected void OnResized(int rows, int columns) => Resized?.Invoke(rows, columns);
}
