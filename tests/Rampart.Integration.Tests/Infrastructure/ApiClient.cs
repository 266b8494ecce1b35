using System.Text.Json.Nodes;

namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>An authenticated session against a <see cref="DaemonProcess"/>.</summary>
public sealed class ApiClient(DaemonProcess daemon, string token)
{
    public string Token => token;

    public Task<ApiResponse> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        daemon.PostAsync(path, body, token, cancellationToken);

    /// <summary>Posts and insists on a 200, returning the JSON (null for an empty body).</summary>
    public async Task<JsonNode?> CallAsync(string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var response = await PostAsync(path, body, cancellationToken);
        Assert.True(response.Status == 200, $"{path} answered {response}");
        return response.Json;
    }

    /// <summary>Posts and insists on the given error status, returning the message.</summary>
    public async Task<string> FailAsync(string path, JsonNode? body, int status, CancellationToken cancellationToken)
    {
        var response = await PostAsync(path, body, cancellationToken);
        Assert.True(response.Status == status, $"{path} answered {response}, expected {status}");
        return response.Message ?? "";
    }

    /// <summary>Uploads raw bytes with <c>/fs/blob</c> and returns the blob id.</summary>
    public async Task<string> BlobAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.BaseUri, "/fs/blob"));
        request.Content = new ByteArrayContent(bytes);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var response = await daemon.SendAsync(request, cancellationToken);
        Assert.True(response.Status == 200, response.ToString());
        return response.Json!["blob"]!.GetValue<string>();
    }

    public async Task<List<string>> QueryAsync(string categories, string connections, string types, CancellationToken cancellationToken)
    {
        var json = await CallAsync("/connection/query", new JsonObject
        {
            ["categoryFilter"] = categories,
            ["connectionFilter"] = connections,
            ["typeFilter"] = types,
        }, cancellationToken);
        return [.. json!["found"]!.AsArray().Select(n => n!.GetValue<string>())];
    }

    public async Task<string> AddAsync(string name, JsonObject data, CancellationToken cancellationToken, string? category = null)
    {
        var body = new JsonObject { ["name"] = name, ["data"] = data, ["validate"] = false };
        if (category is not null)
        {
            body["category"] = category;
        }

        var json = await CallAsync("/connection/add", body, cancellationToken);
        return json!["connection"]!.GetValue<string>();
    }

    public async Task<JsonObject> InfoAsync(string id, CancellationToken cancellationToken)
    {
        var json = await CallAsync("/connection/info", new JsonObject { ["connections"] = new JsonArray(id) }, cancellationToken);
        return json!["infos"]![0]!.AsObject();
    }
}
