using System.Net.Sockets;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>A stand-in for the daemon's bastion socket, run in the test process: accepts the entry program's connections.</summary>
public sealed class FakeOshDaemon : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public FakeOshDaemon(string socketPath)
    {
        SocketPath = socketPath;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(4);
    }

    public string SocketPath { get; }

    public async Task<FakeOshConnection> AcceptAsync(CancellationToken cancellationToken) =>
        new(await _listener.AcceptAsync(cancellationToken));

    public void Dispose() => _listener.Dispose();
}
