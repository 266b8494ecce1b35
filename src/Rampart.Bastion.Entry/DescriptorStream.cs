using System.Runtime.InteropServices;

namespace Rampart.Bastion.Entry;

/// <summary>
/// An unbuffered stream on an inherited file descriptor, with plain read(2) and write(2). FileStream would use
/// pread/pwrite on a regular file (overwriting what others wrote through the same descriptor) and System.Console
/// initialises the terminal on first use; a relay must pass bytes through untouched.
/// </summary>
internal sealed partial class DescriptorStream(int fd, FileAccess access) : Stream
{
    private const int Eintr = 4;
    private const short PollOut = 0x4;

    public override bool CanRead => access == FileAccess.Read;

    public override bool CanWrite => access == FileAccess.Write;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override unsafe int Read(Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var count = SysRead(fd, pointer, (nuint)buffer.Length);
                if (count >= 0)
                {
                    return (int)count;
                }

                ThrowUnlessInterrupted();
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Blocks a pool thread: a descriptor inherited from sshd is blocking and cannot be cancelled.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => Read(buffer.Span), cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                var count = SysWrite(fd, pointer + written, (nuint)(buffer.Length - written));
                if (count >= 0)
                {
                    written += (int)count;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Eintr)
                {
                    continue;
                }

                // A descriptor someone made non-blocking (EAGAIN): wait until it takes more.
                var poll = new PollFd { Fd = fd, Events = PollOut };
                if (errno is not (11 or 35) || Poll(&poll, 1, -1) < 0)
                {
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Writes at once: the relay's output waits for the client, which is the flow control we want.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private static void ThrowUnlessInterrupted()
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno != Eintr)
        {
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint SysRead(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint SysWrite(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);
}
