using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text.Json;
using Rampart.Contracts.Bastion;
using Rampart.Shell.Unix;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>One entry program's connection to the <see cref="FakeOshDaemon"/>, spoken frame by frame.</summary>
public sealed class FakeOshConnection(Socket socket) : IDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);

    /// <summary>The entry program's process id, as the kernel reports it.</summary>
    public int PeerPid => PeerCredentials.Of(socket).Pid;

    /// <summary>The next frame, or null when the entry program closed the socket.</summary>
    public async Task<(byte Type, byte[] Payload)?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[OshFrame.HeaderSize];
        if (await _stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) == 0)
        {
            return null;
        }

        var payload = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1))];
        await _stream.ReadExactlyAsync(payload, cancellationToken);
        return (header[0], payload);
    }

    public async Task<(byte Type, byte[] Payload)> ExpectFrameAsync(CancellationToken cancellationToken) =>
        await ReadFrameAsync(cancellationToken) ?? throw new EndOfStreamException("The entry program closed the socket.");

    /// <summary>Reads the first frame, which must be the Hello, as JSON.</summary>
    public async Task<JsonElement> ReadHelloAsync(CancellationToken cancellationToken)
    {
        var (type, payload) = await ExpectFrameAsync(cancellationToken);
        Assert.Equal((char)OshFrame.Hello, (char)type);
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
    }

    /// <summary>Collects Stdin frames up to the StdinClosed frame; the sizes of the chunks go to <paramref name="chunks"/>.</summary>
    public async Task<byte[]> ReadStdinToEndAsync(CancellationToken cancellationToken, List<int>? chunks = null)
    {
        using var collected = new MemoryStream();
        while (true)
        {
            var (type, payload) = await ExpectFrameAsync(cancellationToken);
            if (type == OshFrame.StdinClosed)
            {
                Assert.Empty(payload);
                return collected.ToArray();
            }

            Assert.Equal((char)OshFrame.Stdin, (char)type);
            chunks?.Add(payload.Length);
            await collected.WriteAsync(payload, cancellationToken);
        }
    }

    public async Task SendAsync(byte type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = new byte[OshFrame.HeaderSize];
        OshFrame.WriteHeader(header, type, payload.Length);
        await _stream.WriteAsync(header, cancellationToken);
        await _stream.WriteAsync(payload, cancellationToken);
    }

    /// <summary>Bytes as they are, to send what a well-behaved daemon would not.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        await _stream.WriteAsync(bytes, cancellationToken);

    public Task SendExitAsync(int status, CancellationToken cancellationToken)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, status);
        return SendAsync(OshFrame.Exit, payload, cancellationToken);
    }

    public void Dispose() => _stream.Dispose();
}
