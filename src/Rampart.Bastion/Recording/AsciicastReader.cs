using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rampart.Bastion.Recording;

/// <summary>
/// Reads an asciicast v2 file: a JSON header line, then one <c>[time, code, data]</c> array per line. Anything else
/// is refused with an <see cref="AsciicastFormatException"/> naming the line. One exception: a last line with no
/// newline that does not parse is dropped, as it is the half-written line of a recorder that was killed.
/// </summary>
public static class AsciicastReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<AsciicastRecording> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // A recording may be read while its session still writes it.
        await using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        var endsWithNewline = await EndsWithNewlineAsync(stream, cancellationToken);
        using var reader = new StreamReader(stream, s_strictUtf8, detectEncodingFromByteOrderMarks: false);
        var lineNumber = 1;
        var headerLine = await ReadLineAsync(reader, path, cancellationToken)
            ?? throw new AsciicastFormatException($"{path} is empty: an asciicast starts with a header line.");
        var header = ParseHeader(headerLine, path);

        var events = new List<AsciicastEvent>();
        var previous = 0.0;
        var line = await ReadLineAsync(reader, path, cancellationToken);
        lineNumber++;
        while (line is not null)
        {
            var next = await ReadLineAsync(reader, path, cancellationToken);
            if (!string.IsNullOrWhiteSpace(line))
            {
                AsciicastEvent e;
                try
                {
                    e = ParseEvent(line, path, lineNumber, previous);
                }
                catch (AsciicastFormatException) when (next is null && !endsWithNewline)
                {
                    break;
                }

                events.Add(e);
                previous = e.Time;
            }

            line = next;
            lineNumber++;
        }

        return new AsciicastRecording(header, events);
    }

    private static async Task<bool> EndsWithNewlineAsync(FileStream stream, CancellationToken cancellationToken)
    {
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        var last = new byte[1];
        await stream.ReadExactlyAsync(last, cancellationToken);
        stream.Seek(0, SeekOrigin.Begin);
        return last[0] == (byte)'\n';
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (DecoderFallbackException e)
        {
            // The reader decodes ahead of the lines it returns, so the line is not known.
            throw new AsciicastFormatException($"{path}: not valid UTF-8.", e);
        }
    }

    private static AsciicastHeader ParseHeader(string line, string path)
    {
        using var document = Parse(line, path, 1);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, 1, "the header is not a JSON object");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var number) || number != 2)
        {
            throw Malformed(path, 1, "not asciicast version 2");
        }

        var width = PositiveInt(root, "width", path);
        var height = PositiveInt(root, "height", path);
        long? timestamp = null;
        if (Present(root, "timestamp") is { } t)
        {
            timestamp = t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var seconds)
                ? seconds
                : throw Malformed(path, 1, "\"timestamp\" is not an integer");
        }

        string? title = null;
        if (Present(root, "title") is { } titleElement)
        {
            title = titleElement.ValueKind == JsonValueKind.String
                ? titleElement.GetString()
                : throw Malformed(path, 1, "\"title\" is not a string");
        }

        double? idleTimeLimit = null;
        if (Present(root, "idle_time_limit") is { } idle)
        {
            idleTimeLimit = idle.ValueKind == JsonValueKind.Number && idle.GetDouble() is var limit && double.IsFinite(limit) && limit >= 0
                ? limit
                : throw Malformed(path, 1, "\"idle_time_limit\" is not a number of seconds");
        }

        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Present(root, "env") is { } envElement)
        {
            if (envElement.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(path, 1, "\"env\" is not an object");
            }

            foreach (var variable in envElement.EnumerateObject())
            {
                env[variable.Name] = variable.Value.ValueKind switch
                {
                    JsonValueKind.String => variable.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw Malformed(path, 1, $"env \"{variable.Name}\" is not a string"),
                };
            }
        }

        return new AsciicastHeader(width, height, timestamp, title, idleTimeLimit, env);
    }

    private static AsciicastEvent ParseEvent(string line, string path, int lineNumber, double previous)
    {
        using var document = Parse(line, path, lineNumber);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 3)
        {
            throw Malformed(path, lineNumber, "an event is an array of three elements");
        }

        var (timeElement, codeElement, dataElement) = (root[0], root[1], root[2]);
        if (timeElement.ValueKind != JsonValueKind.Number || timeElement.GetDouble() is not (>= 0 and var time) || !double.IsFinite(time))
        {
            throw Malformed(path, lineNumber, "the event time is not a number of seconds");
        }

        if (time < previous)
        {
            throw Malformed(path, lineNumber, string.Create(CultureInfo.InvariantCulture, $"time goes back from {previous} to {time}"));
        }

        if (codeElement.ValueKind != JsonValueKind.String || codeElement.GetString() is not { Length: > 0 } code)
        {
            throw Malformed(path, lineNumber, "the event code is not a string");
        }

        if (dataElement.ValueKind != JsonValueKind.String)
        {
            throw Malformed(path, lineNumber, "the event data is not a string");
        }

        return new AsciicastEvent(time, code, dataElement.GetString()!);
    }

    private static JsonDocument Parse(string line, string path, int lineNumber)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new AsciicastFormatException($"{path} line {lineNumber}: not JSON ({e.Message})", e);
        }
    }

    private static JsonElement? Present(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static int PositiveInt(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0
            ? number
            : throw Malformed(path, 1, $"\"{name}\" is not a positive integer");

    private static AsciicastFormatException Malformed(string path, int lineNumber, string problem) =>
        new($"{path} line {lineNumber}: {problem}.");
}
