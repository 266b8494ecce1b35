namespace Rampart.Shell.Sessions;

/// <summary>
/// Reads one output stream of a shell continuously (so the shell never blocks on a full pipe) and hands out the
/// bytes up to each delimiter. Bytes, not lines: output may be binary or lack a final newline.
/// </summary>
internal sealed class FramedReader : IDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Lock _gate = new();
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private bool _ended;

    public FramedReader(Stream stream)
    {
        _stream = stream;
        // Pumps until the stream ends; ends with the process, so it needs no handle.
        _ = Task.Run(PumpAsync);
    }

    /// <summary>What is buffered and not yet handed out, e.g. the last words of a shell that died.</summary>
    public byte[] Pending()
    {
        lock (_gate)
        {
            return _buffer.AsSpan(0, _length).ToArray();
        }
    }

    /// <summary>
    /// What is buffered once the stream has ended, or once <paramref name="wait"/> has passed: the last words of a
    /// process that is exiting, which may arrive after its other stream has already ended.
    /// </summary>
    public async Task<byte[]> RemainingAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_ended)
                    {
                        break;
                    }
                }

                await _arrived.WaitAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Whatever arrived in time (or before the session was disposed).
        }

        return Pending();
    }

    /// <summary>The bytes before the next <paramref name="delimiter"/>, which is consumed too.</summary>
    /// <exception cref="EndOfStreamException">The stream ended first.</exception>
    public async Task<byte[]> ReadUntilAsync(byte[] delimiter, CancellationToken cancellationToken)
    {
        var searchFrom = 0;
        while (true)
        {
            lock (_gate)
            {
                var found = _buffer.AsSpan(searchFrom, _length - searchFrom).IndexOf(delimiter);
                if (found >= 0)
                {
                    var end = searchFrom + found;
                    var result = _buffer.AsSpan(0, end).ToArray();
                    var consumed = end + delimiter.Length;
                    _buffer.AsSpan(consumed, _length - consumed).CopyTo(_buffer);
                    _length -= consumed;
                    return result;
                }

                if (_ended)
                {
                    throw new EndOfStreamException("The shell's output ended.");
                }

                // The delimiter may straddle what has arrived and what comes next.
                searchFrom = Math.Max(0, _length - delimiter.Length + 1);
            }

            await _arrived.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _arrived.Dispose();
    }

    private async Task PumpAsync()
    {
        var chunk = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(chunk)) > 0)
            {
                lock (_gate)
                {
                    if (_length + read > _buffer.Length)
                    {
                        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + read));
                    }

                    chunk.AsSpan(0, read).CopyTo(_buffer.AsSpan(_length));
                    _length += read;
                }

                Signal();
            }
        }
        catch (IOException)
        {
            // A broken pipe is the same as an end of stream here.
        }
        catch (ObjectDisposedException)
        {
        }

        lock (_gate)
        {
            _ended = true;
        }

        Signal();
    }

    private void Signal()
    {
        try
        {
            _arrived.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
