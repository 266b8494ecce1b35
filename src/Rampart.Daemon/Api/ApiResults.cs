using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Daemon.Api;

/// <summary>
/// Responses shaped as XPipe's: pretty-printed JSON, an empty 200 for endpoints that return nothing,
/// <c>{"message"}</c> for client errors and <c>{"error":{…},"documentationLink"}</c> for server errors.
/// </summary>
public static class ApiResults
{
    // Relaxed escaping keeps shell output and non-ASCII names readable; the API's JSON is never embedded in HTML.
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions s_compactOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Empty() => new EmptyOkResult();

    /// <summary>A JSON array of strings, for lists of names and messages in answers.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        new JsonWriterResult(writer => body.WriteTo(writer), status);

    /// <summary>Writes straight to the response, for large answers (100,000 ids) without building a tree; compact when
    /// <paramref name="indented"/> is false, since indentation adds a tenth to a list of ids.</summary>
    public static IResult Json(Action<Utf8JsonWriter> write, bool indented = true) =>
        new JsonWriterResult(write, StatusCodes.Status200OK, indented);

    public static IResult ClientError(string message, int status = StatusCodes.Status400BadRequest) =>
        Json(new JsonObject { ["message"] = message }, status);

    public static IResult ServerError(string message) => Json(
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["localizedMessage"] = message,
                ["cause"] = null,
                ["stackTrace"] = new JsonArray(),
                ["suppressed"] = new JsonArray(),
            },
            ["documentationLink"] = null,
        },
        StatusCodes.Status500InternalServerError);

    private sealed class EmptyOkResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }

    private sealed class JsonWriterResult(Action<Utf8JsonWriter> write, int status, bool indented = true) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, indented ? s_writerOptions : s_compactOptions))
            {
                write(writer);
                await writer.FlushAsync(httpContext.RequestAborted);
            }
        }
    }
}
