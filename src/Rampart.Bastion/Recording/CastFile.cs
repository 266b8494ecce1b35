using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rampart.Bastion.Recording;

/// <summary>
/// One asciicast v2 file being written: a header line, then one JSON array per event. Lines collect in memory and go
/// to the (unbuffered) file only as whole lines, so a crash or a full disk leaves whole lines, not half a character.
/// Not thread-safe: <see cref="SessionRecorder"/> serialises the calls.
/// </summary>
internal sealed class CastFile : IDisposable
{
    private const int FlushAt = 64 * 1024;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Control characters (ESC, NUL…) are still escaped as \uXXXX; only HTML-sensitive and non-ASCII characters are
    // left as they are, which is right for a file that is never embedded in a web page.
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _pending = new(FlushAt + 4096);
    private readonly Utf8JsonWriter _writer;

    private CastFile(string path)
    {
        Path = path;
        // CreateNew (O_EXCL): an existing recording is never overwritten, nor is a planted symlink followed.
        _stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = 0,
            UnixCreateMode = OwnerOnly,
        });
        _writer = new Utf8JsonWriter(_pending, s_json);
    }

    public string Path { get; }

    /// <summary>Creates the file (0600) and writes its header at once, so even an empty session leaves a valid file.</summary>
    public static CastFile Create(string path, int width, int height, long timestamp, string title, string? term)
    {
        var file = new CastFile(path);
        try
        {
            // umask can only take bits away from 0600, but the mode is set again so that it is certain.
            File.SetUnixFileMode(file._stream.SafeFileHandle, OwnerOnly);
            var writer = file._writer;
            writer.WriteStartObject();
            writer.WriteNumber("version", 2);
            writer.WriteNumber("width", width);
            writer.WriteNumber("height", height);
            writer.WriteNumber("timestamp", timestamp);
            writer.WriteString("title", title);
            writer.WriteStartObject("env");
            writer.WriteString("TERM", term);
            // The login shell is the remote host's, which Rampart does not know.
            writer.WriteNull("SHELL");
            writer.WriteEndObject();
            writer.WriteEndObject();
            file.EndLine();
            file.Flush();
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends <c>[time, "code", "data"]</c>, time in seconds with six decimals as asciinema writes it.</summary>
    public void WriteEvent(double time, string code, ReadOnlySpan<char> data)
    {
        _writer.WriteStartArray();
        _writer.WriteRawValue(time.ToString("F6", CultureInfo.InvariantCulture), skipInputValidation: true);
        _writer.WriteStringValue(code);
        _writer.WriteStringValue(data);
        _writer.WriteEndArray();
        EndLine();
    }

    /// <summary>Writes the pending lines to the file, if there are any.</summary>
    public void Flush()
    {
        if (_pending.WrittenCount > 0)
        {
            _stream.Write(_pending.WrittenSpan);
            _pending.ResetWrittenCount();
        }
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _writer.Dispose();
            _stream.Dispose();
        }
    }

    private void EndLine()
    {
        _writer.Flush();
        _writer.Reset();
        _pending.Write("\n"u8);
        if (_pending.WrittenCount >= FlushAt)
        {
            Flush();
        }
    }
}
