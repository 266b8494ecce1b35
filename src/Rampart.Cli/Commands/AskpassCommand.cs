using System.Net.Sockets;
using System.Text;
using Rampart.Contracts;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart askpass PROMPT</c>: run by ssh as <c>SSH_ASKPASS</c> when the daemon opens a password login. It trades
/// the launch's one-time token (from the environment ssh inherited) and ssh's prompt for the password at the daemon's
/// private socket, and prints it for ssh. Not meant to be run by hand.
/// </summary>
internal static class AskpassCommand
{
    public const string Name = "askpass";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CliContext context, CancellationToken cancellationToken)
    {
        var socketPath = context.GetEnvironment(AskpassProtocol.SocketVariable);
        var token = context.GetEnvironment(AskpassProtocol.TokenVariable);
        if (string.IsNullOrEmpty(socketPath) || string.IsNullOrEmpty(token))
        {
            throw new CliException(
                $"askpass is run by ssh for the Rampart daemon ({AskpassProtocol.SocketVariable} and {AskpassProtocol.TokenVariable} are not set)", ExitCode.Usage);
        }

        byte[] reply;
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                await socket.SendAsync(Encoding.UTF8.GetBytes(token + "\n" + string.Join(' ', arguments)), SocketFlags.None, cancellationToken);
                socket.Shutdown(SocketShutdown.Send);
                reply = await ReceiveAllAsync(socket, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new CliException($"askpass: cannot reach the daemon at {socketPath}: {e.Message}", ExitCode.Unavailable);
            }
        }

        if (reply is [AskpassProtocol.Granted, .. var password])
        {
            await context.Output.WriteLineAsync(Encoding.UTF8.GetString(password));
            return (int)ExitCode.Success;
        }

        var reason = reply.Length > 1 ? Encoding.UTF8.GetString(reply, 1, reply.Length - 1) : "no answer";
        throw new CliException($"askpass: the daemon refused: {reason}", ExitCode.Failure);
    }

    private static async Task<byte[]> ReceiveAllAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(chunk, SocketFlags.None, cancellationToken)) > 0)
        {
            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }

        return buffer.ToArray();
    }
}
