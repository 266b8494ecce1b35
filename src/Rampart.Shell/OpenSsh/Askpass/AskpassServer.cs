using System.Net.Sockets;
using System.Text;
using Rampart.Contracts;
using Rampart.Core.Errors;
using Rampart.Shell.Unix;

namespace Rampart.Shell.OpenSsh.Askpass;

/// <summary>
/// The daemon's side of <c>rampart askpass</c>: a Unix socket in the private 0700 ssh directory that answers a
/// one-time token and ssh's prompt with the password of the matching connection, decrypted at that moment. Only
/// processes of the daemon's own user may ask (checked with SO_PEERCRED on top of the directory's mode).
/// </summary>
public sealed class AskpassServer : IAsyncDisposable
{
    private static readonly TimeSpan s_requestLimit = TimeSpan.FromSeconds(5);

    private readonly AskpassTokens _tokens;
    private readonly Func<Guid, string> _revealPassword;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    /// <param name="revealPassword">Decrypts the password of a connection's identity; throws a RampartException if there is none.</param>
    public AskpassServer(string socketPath, AskpassTokens tokens, Func<Guid, string> revealPassword)
    {
        _tokens = tokens;
        _revealPassword = revealPassword;
        SocketPath = socketPath;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _listener.Listen(64);
        _accepting = AcceptAsync(_stopping.Token);
    }

    public string SocketPath { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        File.Delete(SocketPath);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken);
            }
            catch (SocketException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(client, cancellationToken);
        }
    }

    private async Task AnswerAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(s_requestLimit);
                var reply = PeerCredentials.Of(client).Uid == PeerCredentials.EffectiveUserId()
                    ? Answer(await ReadRequestAsync(client, limit.Token))
                    : Refuse("not the daemon's user");
                await client.SendAsync(reply, SocketFlags.None, limit.Token);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
                // The asking ssh gives up and reports a failed login; nothing else depends on this answer.
            }
        }
    }

    private byte[] Answer(string request)
    {
        var newline = request.IndexOf('\n', StringComparison.Ordinal);
        var token = newline < 0 ? request : request[..newline];
        var prompt = newline < 0 ? "" : request[(newline + 1)..];
        if (_tokens.Redeem(token.Trim(), prompt) is not { } entry)
        {
            return Refuse("unknown, expired or used-up token, or a prompt Rampart does not answer: " + prompt.Trim());
        }

        try
        {
            return [AskpassProtocol.Granted, .. Encoding.UTF8.GetBytes(_revealPassword(entry))];
        }
        catch (RampartException e)
        {
            return Refuse(e.Message);
        }
    }

    private static byte[] Refuse(string message) => [AskpassProtocol.Refused, .. Encoding.UTF8.GetBytes(message)];

    private static async Task<string> ReadRequestAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[AskpassProtocol.MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
