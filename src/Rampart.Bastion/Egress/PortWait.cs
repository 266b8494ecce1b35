using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rampart.Bastion.Dispatch;

namespace Rampart.Bastion.Egress;

/// <summary><c>--wait</c>: before connecting, polls the target port once a second until it opens, as The Bastion does (up to an hour).</summary>
internal static class PortWait
{
    private const int MostTries = 3600;

    public static async Task UntilOpenAsync(IPAddress address, int port, string host, OshTerminal terminal, CancellationToken cancellationToken)
    {
        await terminal.WriteErrorLineAsync($"Waiting for port {port} to be open on {host} before attempting to connect...", cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var tries = 1; tries <= MostTries; tries++)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                using var client = new TcpClient(address.AddressFamily);
                await client.ConnectAsync(address, port, attempt.Token);
                await terminal.WriteErrorLineAsync($"Alive after waiting for {(long)clock.Elapsed.TotalSeconds} seconds, connecting...", cancellationToken);
                return;
            }
            catch (Exception e) when (e is SocketException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Closed or silent: try again in a second.
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            if (tries % 5 == 0)
            {
                await terminal.WriteErrorLineAsync($"Still trying to connect to {host}:{port} after {(long)clock.Elapsed.TotalSeconds} seconds...", cancellationToken);
            }
        }
    }
}
