using System.Text.Json.Nodes;
using Rampart.Core.Access;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/rampart/apikey/create|list|revoke</c>: Rampart's own management of API keys. Only the machine's owner (local
/// auth) may manage keys: a key holder cannot mint more keys or revoke others. A key may belong to a bastion account
/// (<c>account</c>), which must exist; see <see cref="ConnectionScope"/> for what such a key reaches.
/// </summary>
public static class ApiKeyEndpoints
{
    public static void MapApiKeys(this IEndpointRouteBuilder app)
    {
        app.Map("/rampart/apikey/create", CreateAsync).WithName("apiKeyCreate");
        app.Map("/rampart/apikey/list", List).WithName("apiKeyList");
        app.Map("/rampart/apikey/revoke", RevokeAsync).WithName("apiKeyRevoke");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiKeyService keys, ConnectionScope scope, CancellationToken ct)
    {
        http.RequireLocalOwner("manage API keys");
        var request = await ApiRequest.ReadAsync(http, ct);
        var account = request.OptionalString("account");
        if (account is not null)
        {
            scope.CheckAccount(account);
        }

        var created = await keys.CreateAsync(request.RequireString("name"), request.OptionalBool("mayRunOnGateway") ?? false, account, ct);
        var body = Describe(created.Key);
        body["key"] = created.Secret;
        return ApiResults.Json(body);
    }

    private static IResult List(HttpContext http, ApiKeyService keys)
    {
        http.RequireLocalOwner("manage API keys");
        return ApiResults.Json(new JsonObject { ["keys"] = new JsonArray([.. keys.List().Select(k => (JsonNode)Describe(k))]) });
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, ApiKeyService keys, CancellationToken ct)
    {
        http.RequireLocalOwner("manage API keys");
        var request = await ApiRequest.ReadAsync(http, ct);
        await keys.RevokeAsync(request.RequireString("name", "id"), ct);
        return ApiResults.Empty();
    }

    private static JsonObject Describe(ApiKey key) => new()
    {
        ["id"] = key.Id.ToString("D"),
        ["name"] = key.Name,
        ["prefix"] = key.Prefix,
        ["created"] = EntryJson.Time(key.Created),
        ["lastUsed"] = key.LastUsed is { } used ? EntryJson.Time(used) : null,
        ["mayRunOnGateway"] = key.MayRunOnGateway,
        ["account"] = key.BastionAccount,
        ["revoked"] = key.Revoked is { } revoked ? EntryJson.Time(revoked) : null,
    };
}
