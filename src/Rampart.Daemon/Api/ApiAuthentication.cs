using Rampart.Core.Access;

namespace Rampart.Daemon.Api;

/// <summary>
/// XPipe's bearer check, in its order: no <c>Authorization</c> header is 401, an unknown token is 403. The token is
/// accepted with or without the <c>Bearer </c> prefix. The handshake and the documentation need no token. A key that
/// belongs to a bastion account is refused (403) while its account cannot log in, and on the endpoints
/// <see cref="ScopedKeyRules"/> closes to it.
/// </summary>
public sealed class ApiAuthentication(RequestDelegate next, ApiSessions sessions, ConnectionScope scope)
{
    private static readonly HashSet<string> s_open = new(StringComparer.OrdinalIgnoreCase) { "/handshake", "/", "/openapi.yaml" };

    public Task InvokeAsync(HttpContext http)
    {
        if (s_open.Contains(http.Request.Path.Value ?? "/"))
        {
            return next(http);
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return ApiResults.ClientError("Missing Authorization header", StatusCodes.Status401Unauthorized).ExecuteAsync(http);
        }

        var token = header.Replace("Bearer ", "", StringComparison.Ordinal).Trim();
        if (sessions.Find(token) is not { } principal)
        {
            return ApiResults.ClientError("Unknown token", StatusCodes.Status403Forbidden).ExecuteAsync(http);
        }

        http.Items[typeof(Principal)] = principal;
        if (principal.Bastion is not null && (scope.Refusal(principal) ?? ScopedKeyRules.Refusal(http.GetEndpoint())) is { } refusal)
        {
            return ApiResults.ClientError(refusal, StatusCodes.Status403Forbidden).ExecuteAsync(http);
        }

        return next(http);
    }
}
