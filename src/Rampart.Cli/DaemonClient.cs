using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Cli;

/// <summary>
/// The daemon's HTTP API as any XPipe client sees it: one handshake with the local auth file, then a bearer token on
/// every call. Failures become <see cref="CliException"/>s carrying the daemon's own message.
/// </summary>
internal sealed class DaemonClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly DaemonLocation _location;
    private string? _token;

    public DaemonClient(DaemonLocation location, HttpMessageHandler? handler = null)
    {
        _location = location;
        handler ??= new SocketsHttpHandler
        {
            // A daemon that is down refuses at once; this only bounds an address that swallows packets.
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
        };

        // Validating a connection may take long; Ctrl-C, not a timer, ends a slow call.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/>; the answer, or null for XPipe's empty 200.</summary>
    public async Task<JsonNode?> CallAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        _token ??= await HandshakeAsync(cancellationToken);
        return await SendAsync(path, Json(body), _token, null, cancellationToken);
    }

    /// <summary>Uploads raw bytes to <c>/fs/blob</c>, streamed; returns the blob id.</summary>
    public async Task<string> UploadBlobAsync(Stream source, CancellationToken cancellationToken)
    {
        _token ??= await HandshakeAsync(cancellationToken);
        var answer = await SendAsync("fs/blob", new StreamContent(source, 128 * 1024), _token, null, cancellationToken);
        return Text(answer?["blob"]) ?? throw new CliException($"the daemon at {_location.DisplayUrl} answered /fs/blob without a blob id");
    }

    /// <summary>POSTs <paramref name="body"/> and streams a 200 answer's raw bytes into <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(string path, JsonObject body, Stream destination, CancellationToken cancellationToken)
    {
        _token ??= await HandshakeAsync(cancellationToken);
        await SendAsync(path, Json(body), _token, destination, cancellationToken);
    }

    /// <summary>POSTs <paramref name="body"/> and yields each line of an NDJSON answer as it arrives.</summary>
    public async IAsyncEnumerable<JsonObject> StreamLinesAsync(
        string path, JsonObject body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _token ??= await HandshakeAsync(cancellationToken);
        var pipe = new System.IO.Pipelines.Pipe();
        Exception? failure = null;
        var download = Task.Run(async () =>
        {
            try
            {
                await using var sink = pipe.Writer.AsStream();
                await SendAsync(path, Json(body), _token, sink, cancellationToken);
            }
#pragma warning disable CA1031 // Rethrown below, on the reading side, once the lines read so far are handed out.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
                await pipe.Writer.CompleteAsync();
            }
        }, cancellationToken);

        using (var reader = new StreamReader(pipe.Reader.AsStream(), Encoding.UTF8))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return JsonNode.Parse(line) as JsonObject
                        ?? throw new CliException($"the daemon at {_location.DisplayUrl} streamed a line that is not a JSON object");
                }
            }
        }

        await download;
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Like <see cref="CallAsync"/> for endpoints that always answer with a JSON object.</summary>
    public async Task<JsonObject> CallForObjectAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        await CallAsync(path, body, cancellationToken) as JsonObject
            ?? throw new CliException($"the daemon at {_location.DisplayUrl} answered {path} without a JSON object");

    public void Dispose() => _http.Dispose();

    private async Task<string> HandshakeAsync(CancellationToken cancellationToken)
    {
        var secret = await ReadAuthFileAsync(cancellationToken);
        var request = new JsonObject
        {
            ["auth"] = new JsonObject { ["type"] = "Local", ["authFileContent"] = secret },
            ["client"] = new JsonObject { ["type"] = "Cli" },
        };
        JsonNode? answer;
        try
        {
            answer = await SendAsync("handshake", Json(request), null, null, cancellationToken);
        }
        catch (DaemonErrorException e) when (e.Status == HttpStatusCode.BadRequest)
        {
            throw new CliException(
                $"the daemon at {_location.DisplayUrl} refused the auth file {_location.AuthFile} ({e.Message}); "
                + "is it this daemon's? (set RAMPART_AUTH_FILE)");
        }

        return answer?["sessionToken"] is JsonValue token && token.GetValueKind() == JsonValueKind.String
            ? token.GetValue<string>()
            : throw new CliException($"the daemon at {_location.DisplayUrl} answered the handshake without a session token");
    }

    private async Task<string> ReadAuthFileAsync(CancellationToken cancellationToken)
    {
        var path = _location.AuthFile;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(
                $"cannot read the auth file {path}: it does not exist; is the daemon running? (start it with: rampart daemon)",
                ExitCode.Unavailable);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException(
                $"cannot read the auth file {path}: permission denied (it belongs to the user running the daemon)",
                ExitCode.Unavailable);
        }
        catch (IOException e)
        {
            throw new CliException($"cannot read the auth file {path}: {e.Message}", ExitCode.Unavailable);
        }

        // XPipe strips the secret before comparing; so do we, then a trailing newline from an editor is harmless.
        var secret = text.Trim();
        return secret.Length > 0
            ? secret
            : throw new CliException($"cannot read the auth file {path}: it is empty", ExitCode.Unavailable);
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <param name="download">Where a 200 answer's bytes go, for raw endpoints; null reads the answer as JSON.</param>
    private async Task<JsonNode?> SendAsync(string path, HttpContent body, string? token, Stream? download, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_location.BaseUrl, path)) { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        byte[] content;
        HttpStatusCode status;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = response.StatusCode;
            if (download is not null && status == HttpStatusCode.OK)
            {
                await response.Content.CopyToAsync(download, cancellationToken);
                return null;
            }

            content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the connect timeout cancels without the caller asking.
            throw new CliException($"the daemon at {_location.DisplayUrl} did not accept a connection in time", ExitCode.Unavailable, e);
        }

        var answer = Parse(content);
        if (status == HttpStatusCode.OK)
        {
            if (content.Length > 0 && answer is null)
            {
                throw new CliException($"the daemon at {_location.DisplayUrl} answered /{path} with something that is not JSON");
            }

            return answer;
        }

        throw new DaemonErrorException(status, ErrorMessage(status, answer, path));
    }

    private CliException Unreachable(HttpRequestException e)
    {
        return e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? new CliException($"the daemon is not running at {_location.DisplayUrl} (start it with: rampart daemon)", ExitCode.Unavailable, e)
            : new CliException($"cannot reach the daemon at {_location.DisplayUrl}: {e.Message}", ExitCode.Unavailable, e);
    }

    /// <summary>XPipe's shapes: <c>{"message"}</c> for 4xx, <c>{"error":{"message"}}</c> for 500.</summary>
    private string ErrorMessage(HttpStatusCode status, JsonNode? answer, string path)
    {
        var message = Text(answer?["message"]) ?? Text(answer?["error"]?["message"]);
        return message ?? $"the daemon at {_location.DisplayUrl} answered /{path} with HTTP {(int)status}";
    }

    private static JsonNode? Parse(byte[] content)
    {
        if (content.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
