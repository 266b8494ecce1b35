using System.Text;
using Rampart.Bastion.Dispatch;

namespace Rampart.Bastion.Mfa;

/// <summary>
/// Asks the account for a secret on its session. With a terminal, the entry program puts it in raw mode so nothing
/// typed is echoed, and the line is edited here (backspace, ^U; ^C or ^D give up). Without one, a line is read from
/// stdin as it comes (what the client's own terminal echoes is out of the bastion's hands, as with The Bastion's
/// pamtester). Bytes are read one at a time so that nothing after the answer is taken from the stream.
/// </summary>
public static class SecretPrompt
{
    private const int MaxLength = 1024;
    private static readonly TimeSpan s_answerWait = TimeSpan.FromMinutes(2);

    /// <summary>The answer, or null when the account gave up, went away or took too long.</summary>
    public static async Task<string?> AskAsync(OshTerminal terminal, string prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(s_answerWait);
        await terminal.WriteStderrAsync(prompt, cancellationToken);
        if (terminal.IsTty)
        {
            await terminal.RequestRawModeAsync(cancellationToken);
        }

        string? answer;
        try
        {
            answer = await ReadAsync(terminal.Stdin, terminal.IsTty, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = null;
        }
        finally
        {
            if (terminal.IsTty)
            {
                await terminal.RestoreTerminalAsync(CancellationToken.None);
                await terminal.WriteStderrAsync("\n", CancellationToken.None);
            }
        }

        return answer;
    }

    private static async Task<string?> ReadAsync(Stream input, bool raw, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await input.ReadAsync(one, cancellationToken) == 0)
            {
                return raw || bytes.Count == 0 ? null : Decode(bytes);
            }

            switch (one[0])
            {
                case (byte)'\r' when raw:
                    return Decode(bytes);
                case (byte)'\n':
                    return Decode(bytes).TrimEnd('\r');
                case 0x03 when raw: // ^C
                    return null;
                case 0x04 when raw && bytes.Count == 0: // ^D on an empty line
                    return null;
                case 0x7f or 0x08 when raw:
                    if (bytes.Count > 0)
                    {
                        // Drop the whole last UTF-8 character.
                        do
                        {
                            bytes.RemoveAt(bytes.Count - 1);
                        }
                        while (bytes.Count > 0 && (bytes[^1] & 0xC0) == 0x80);
                    }

                    break;
                case 0x15 when raw: // ^U
                    bytes.Clear();
                    break;
                default:
                    if (bytes.Count < MaxLength)
                    {
                        bytes.Add(one[0]);
                    }

                    break;
            }
        }
    }

    private static string Decode(List<byte> bytes) => Encoding.UTF8.GetString([.. bytes]);
}
