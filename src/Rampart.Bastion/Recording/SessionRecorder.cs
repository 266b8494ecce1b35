using System.Buffers;
using System.Globalization;
using System.Text;

namespace Rampart.Bastion.Recording;

/// <summary>
/// Records what an egress session shows, in asciicast v2: output only, never input, so typed passwords are not kept.
/// A <see cref="RecordingKind.Interactive"/> session writes <c>&lt;id&gt;.cast</c> with output and resizes; a
/// <see cref="RecordingKind.Command"/> session writes stdout to <c>&lt;id&gt;.cast</c> and stderr to
/// <c>&lt;id&gt;.stderr.cast</c>, both timed from the same start so they can be merged. The stdout and stderr pumps
/// may call it at the same time; lines are buffered and reach the disk at least every 200 ms and at disposal.
/// </summary>
public sealed class SessionRecorder : IAsyncDisposable
{
    /// <summary>Terminal size assumed when the client did not say (no pty, or no window size).</summary>
    public const int DefaultWidth = 80;

    public const int DefaultHeight = 24;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const int StackChars = 512;

    private static readonly TimeSpan s_flushInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly RecordingKind _kind;
    private readonly CastFile _output;
    private readonly CastFile? _errors;
    private readonly long _maxBytes;

    // One decoder per stream: a character split across two stdout chunks must not be joined with stderr bytes.
    private readonly Decoder _stdoutDecoder = Encoding.UTF8.GetDecoder();
    private readonly Decoder _stderrDecoder = Encoding.UTF8.GetDecoder();
    private readonly ITimer _flushTimer;
    private double _lastTime;
    private long _bytesRecorded;
    private IOException? _flushFailure;
    private bool _disposed;

    private SessionRecorder(TimeProvider time, RecordingKind kind, CastFile output, CastFile? errors, long maxBytes)
    {
        _time = time;
        _maxBytes = maxBytes;
        _start = time.GetTimestamp();
        _kind = kind;
        _output = output;
        _errors = errors;
        Files = errors is null ? [output.Path] : [output.Path, errors.Path];
        _flushTimer = time.CreateTimer(_ => FlushFromTimer(), null, s_flushInterval, s_flushInterval);
    }

    /// <summary>The recording's files: <c>&lt;id&gt;.cast</c>, then <c>&lt;id&gt;.stderr.cast</c> for a command.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>How many bytes of session output (stdout and stderr) were recorded so far.</summary>
    public long BytesRecorded => Interlocked.Read(ref _bytesRecorded);

    /// <summary>
    /// Starts a recording in <paramref name="directory"/> (created 0700 if missing; files are 0600 and must not exist
    /// yet). <paramref name="width"/> and <paramref name="height"/> below 1 mean unknown: 80x24 is written.
    /// <paramref name="maxBytes"/> bounds the session output recorded (stdout and stderr together): the chunk that
    /// would cross it is recorded up to the limit and <see cref="RecordingFullException"/> is thrown.
    /// </summary>
    public static SessionRecorder Create(
        string directory, string id, RecordingKind kind, int width, int height, string? term, string title, TimeProvider time,
        long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(time);
        if (id is "." or ".." || id.AsSpan().ContainsAny('/', '\0'))
        {
            throw new ArgumentException("A recording id must be a plain file name.", nameof(id));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        }

        width = width > 0 ? width : DefaultWidth;
        height = height > 0 ? height : DefaultHeight;
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var output = CastFile.Create(Path.Combine(directory, id + ".cast"), width, height, timestamp, title, term);
        CastFile? errors = null;
        try
        {
            if (kind == RecordingKind.Command)
            {
                errors = CastFile.Create(Path.Combine(directory, id + ".stderr.cast"), width, height, timestamp, title + " (stderr)", term);
            }

            return new SessionRecorder(time, kind, output, errors, maxBytes);
        }
        catch
        {
            // The stdout file was created just now: a recording that could not start leaves nothing behind.
            output.Dispose();
            File.Delete(output.Path);
            throw;
        }
    }

    /// <summary>Records a chunk of the session's stdout (for a pty session, everything the terminal shows).</summary>
    public void Stdout(ReadOnlySpan<byte> data) => Output(_stdoutDecoder, _output, data);

    /// <summary>Records a chunk of stderr: in the <c>.stderr.cast</c> file for a command, else with the terminal's output.</summary>
    public void Stderr(ReadOnlySpan<byte> data) => Output(_stderrDecoder, _errors ?? _output, data);

    /// <summary>Records the terminal's new size as an "r" event; a command has no terminal, and sizes below 1 say nothing.</summary>
    public void Resize(int cols, int rows)
    {
        if (_kind != RecordingKind.Interactive || cols < 1 || rows < 1)
        {
            return;
        }

        var size = cols.ToString(CultureInfo.InvariantCulture) + "x" + rows.ToString(CultureInfo.InvariantCulture);
        lock (_lock)
        {
            ThrowIfUnusable();
            _output.WriteEvent(Elapsed(), "r", size);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                // The bytes of a character the session never finished become U+FFFD rather than vanish.
                WriteTail(_stdoutDecoder, _output);
                WriteTail(_stderrDecoder, _errors ?? _output);
            }
            finally
            {
                try
                {
                    _output.Dispose();
                }
                finally
                {
                    _errors?.Dispose();
                }
            }
        }
    }

    private void Output(Decoder decoder, CastFile file, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            ThrowIfUnusable();
            var room = _maxBytes - _bytesRecorded;
            if (room <= 0)
            {
                throw new RecordingFullException(_maxBytes);
            }

            var full = data.Length > room;
            if (full)
            {
                data = data[..(int)room];
            }

            var time = Elapsed();
            // The decoder keeps an unfinished sequence for the next chunk and turns invalid bytes into U+FFFD.
            var count = decoder.GetCharCount(data, flush: false);
            char[]? rented = null;
            var chars = count <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(count));
            try
            {
                var written = decoder.GetChars(data, chars, flush: false);
                if (written > 0)
                {
                    file.WriteEvent(time, "o", chars[..written]);
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }

            Interlocked.Add(ref _bytesRecorded, data.Length);
            if (full)
            {
                throw new RecordingFullException(_maxBytes);
            }
        }
    }

    private void WriteTail(Decoder decoder, CastFile file)
    {
        Span<char> tail = stackalloc char[8];
        var written = decoder.GetChars([], tail, flush: true);
        if (written > 0)
        {
            file.WriteEvent(Elapsed(), "o", tail[..written]);
        }
    }

    /// <summary>Seconds since the start, never less than the last event's, so times in a file do not go back.</summary>
    private double Elapsed()
    {
        _lastTime = Math.Max(_lastTime, _time.GetElapsedTime(_start).TotalSeconds);
        return _lastTime;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flushFailure is not null)
        {
            throw new IOException("The session recording can no longer be written: " + _flushFailure.Message, _flushFailure);
        }
    }

    private void FlushFromTimer()
    {
        lock (_lock)
        {
            if (_disposed || _flushFailure is not null)
            {
                return;
            }

            try
            {
                _output.Flush();
                _errors?.Flush();
            }
            catch (IOException e)
            {
                // A timer callback must not throw; the session's next write reports the failure instead.
                _flushFailure = e;
            }
        }
    }
}
