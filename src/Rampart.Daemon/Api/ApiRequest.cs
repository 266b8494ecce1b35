using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;

namespace Rampart.Daemon.Api;

/// <summary>
/// A request body read as XPipe reads it: JSON whatever the Content-Type, comments and trailing commas allowed,
/// unknown fields ignored, an empty body taken as <c>{}</c>. Field readers fail with one clear 400 message and
/// accept XPipe's aliases (<c>connection</c>/<c>store</c>/<c>uuid</c>).
/// </summary>
public sealed class ApiRequest
{
    /// <summary>JSON requests are small; blobs have their own endpoint.</summary>
    public const int MaxJsonBytes = 32 * 1024 * 1024;

    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private readonly JsonObject _body;

    private ApiRequest(JsonObject body) => _body = body;

    public static async Task<ApiRequest> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxJsonBytes)
            {
                throw new ClientErrorException($"Request body is larger than {MaxJsonBytes / (1024 * 1024)} MiB");
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }

        var request = Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));

        // The audit trail names what the request was about (connection, filters, command) once it is answered.
        http.Items[typeof(ApiRequest)] = request;
        return request;
    }

    public static ApiRequest Parse(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new ApiRequest([]);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8.Span, nodeOptions: null, documentOptions: s_options);
        }
        catch (JsonException e)
        {
            throw new ClientErrorException($"Unable to parse request body as JSON: {e.Message}");
        }

        return node switch
        {
            JsonObject obj => new ApiRequest(obj),
            null => new ApiRequest([]),
            _ => throw new ClientErrorException("The request body must be a JSON object"),
        };
    }

    public string RequireString(params string[] names) =>
        OptionalString(names) ?? throw Missing(names);

    public string? OptionalString(params string[] names)
    {
        var (name, node) = Find(names);
        return node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => throw new ClientErrorException($"Field {name} must be a string"),
        };
    }

    public bool RequireBool(string name) => OptionalBool(name) ?? throw Missing([name]);

    public bool? OptionalBool(string name)
    {
        return _body[name] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
            JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
            _ => throw new ClientErrorException($"Field {name} must be true or false"),
        };
    }

    public Guid RequireId(params string[] names) => OptionalId(names) ?? throw Missing(names);

    public Guid? OptionalId(params string[] names)
    {
        var (name, node) = Find(names);
        return node is null ? null : ParseId(name, node);
    }

    /// <summary>A list of ids; a single id is taken as a list of one.</summary>
    public IReadOnlyList<Guid> RequireIdList(params string[] names)
    {
        var (name, node) = Find(names);
        return node switch
        {
            null => throw Missing(names),
            JsonArray array => array.Select(item => ParseId(name, item)).ToList(),
            _ => [ParseId(name, node)],
        };
    }

    public JsonObject RequireObject(params string[] names)
    {
        var (name, node) = Find(names);
        return node switch
        {
            null => throw Missing(names),
            JsonObject obj => obj,
            _ => throw new ClientErrorException($"Field {name} must be a JSON object"),
        };
    }

    public JsonNode? Optional(string name) => _body[name];

    /// <summary>A duration given as a number of seconds (fractions allowed), up to a week.</summary>
    public TimeSpan? OptionalSeconds(string name)
    {
        var node = _body[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var seconds)
            && seconds > 0 && seconds <= 7 * 24 * 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        throw new ClientErrorException(string.Create(CultureInfo.InvariantCulture, $"Field {name} must be a number of seconds, more than 0, not {node.ToJsonString()}"));
    }

    /// <summary>A whole number within bounds, or null when absent.</summary>
    public int? OptionalInt(string name, int min, int max)
    {
        var node = _body[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) && number >= min && number <= max
            ? number
            : throw new ClientErrorException(string.Create(CultureInfo.InvariantCulture, $"Field {name} must be a whole number from {min} to {max}, not {node.ToJsonString()}"));
    }

    public static Guid ParseId(string field, JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && Guid.TryParseExact(value.GetValue<string>(), "D", out var id))
        {
            return id;
        }

        var shown = node is null ? "null" : node.ToJsonString();
        if (shown.Length > 80)
        {
            shown = shown[..80] + "…";
        }

        throw new ClientErrorException($"Field {field} must contain uuids, but {shown} is not a uuid");
    }

    private (string Name, JsonNode? Node) Find(string[] names)
    {
        foreach (var name in names)
        {
            if (_body[name] is { } node)
            {
                return (name, node);
            }
        }

        return (names[0], null);
    }

    private static ClientErrorException Missing(string[] names) =>
        new($"Field {names[0]} is missing from object" + (names.Length > 1 ? $" (also accepted: {string.Join(", ", names.Skip(1))})" : ""));
}
