using System.Text.Json.Nodes;
using Rampart.Core.Access;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Daemon.Hosting;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary><c>/handshake</c>: trade the local auth file's token or an API key for a session token.</summary>
public static class HandshakeEndpoints
{
    public static void MapHandshake(this IEndpointRouteBuilder app) =>
        app.Map("/handshake", HandshakeAsync).WithName("handshake");

    private static async Task<IResult> HandshakeAsync(
        HttpContext http, LocalAuthFile authFile, ApiKeyService apiKeys, ApiSessions sessions, ConnectionScope scope, CancellationToken cancellationToken)
    {
        var request = await ApiRequest.ReadAsync(http, cancellationToken);
        var auth = request.RequireObject("auth");
        var client = request.RequireObject("client");
        var clientType = StoreJson.Text(client["type"]) ?? throw new ClientErrorException("Field client.type is missing from object");
        if (clientType is not ("Api" or "Cli" or "Daemon"))
        {
            throw new ClientErrorException($"Unknown client type \"{clientType}\" (expected Api, Cli or Daemon)");
        }

        if (clientType == "Api" && StoreJson.Text(client["name"]) is null)
        {
            throw new ClientErrorException("Field client.name is missing from object");
        }

        Principal? principal = StoreJson.Text(auth["type"]) switch
        {
            "Local" => authFile.Matches(StoreJson.Text(auth["authFileContent"]) ?? throw Missing("auth.authFileContent"))
                ? Principal.LocalOwner
                : null,
            "ApiKey" => apiKeys.Verify(StoreJson.Text(auth["key"]) ?? throw Missing("auth.key")) is { } key ? Principal.ForApiKey(key) : null,
            null => throw Missing("auth.type"),
            var other => throw new ClientErrorException($"Unknown auth type \"{other}\" (expected Local or ApiKey)"),
        };
        if (principal is null)
        {
            // XPipe answers 400 here; the audit trail calls it what it is.
            http.Items[AuditTrailing.DeniedKey] = true;
            throw new ClientErrorException("Authentication failed");
        }

        http.Items[typeof(Principal)] = principal;
        if (scope.Refusal(principal) is { } refusal)
        {
            // The key is right but its bastion account cannot log in now (frozen, expired, deleted).
            return ApiResults.ClientError(refusal, StatusCodes.Status401Unauthorized);
        }

        if (principal.ApiKeyId is { } keyId)
        {
            await apiKeys.MarkUsedAsync(keyId, cancellationToken);
        }

        return ApiResults.Json(new JsonObject { ["sessionToken"] = sessions.Open(principal) });
    }

    private static ClientErrorException Missing(string field) => new($"Field {field} is missing from object");
}
