using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Access;
using Rampart.Core.Audit;

namespace Rampart.Daemon.Api;

/// <summary>
/// Puts every API request, allowed or not, on the audit trail once it is answered: who (the authenticated caller),
/// from where, which operation, on what (connections, filters, paths, jobs as the request named them), the outcome,
/// and the command run. Secret values are never taken from a request. The documentation pages are not audited.
/// </summary>
public sealed class AuditTrailing(RequestDelegate next, AuditTrail trail, TimeProvider time)
{
    /// <summary>Set by an endpoint that refuses credentials with another status than 401/403 (XPipe's handshake: 400).</summary>
    public const string DeniedKey = "rampart.audit.denied";

    private const int MaxField = 1024;

    /// <summary>Request fields that name what was acted on, in the order they are reported.</summary>
    private static readonly string[] s_targetFields =
    [
        "connection", "store", "connections", "stores", "category", "categories", "categoryFilter", "connectionFilter", "storeFilter",
        "typeFilter", "path", "job", "name", "format",
    ];

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path is "/" or "/openapi.yaml")
        {
            await next(http);
            return;
        }

        try
        {
            await next(http);
        }
        finally
        {
            trail.Record(Describe(http, path));
        }
    }

    private AuditEvent Describe(HttpContext http, string path)
    {
        var status = http.Response.StatusCode;
        var outcome = http.Items.ContainsKey(DeniedKey) ? "denied" : status switch
        {
            < 300 => "ok",
            401 or 403 => "denied",
            < 500 => "rejected",
            _ => "failed",
        };
        var actor = http.Items[typeof(Principal)] is Principal principal ? principal.DisplayName : "anonymous";
        var request = http.Items[typeof(ApiRequest)] as ApiRequest;
        var target = request is null ? null : Target(request);
        var detail = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}");
        if (request?.Optional("command") is JsonValue command && command.GetValueKind() == JsonValueKind.String)
        {
            detail += "; command: " + Clip(command.GetValue<string>());
        }
        else if (request?.Optional("script") is JsonValue script && script.GetValueKind() == JsonValueKind.String)
        {
            detail += "; script of " + script.GetValue<string>().Length.ToString(CultureInfo.InvariantCulture) + " characters";
        }
        else if (path == "/action" && request?.Optional("action") is JsonObject action)
        {
            detail += "; action: " + Clip(action.ToJsonString());
        }

        return new AuditEvent(time.GetUtcNow(), actor, http.Connection.RemoteIpAddress?.ToString() ?? "local", path, target, outcome, detail);
    }

    private static string? Target(ApiRequest request)
    {
        var parts = new List<string>();
        foreach (var field in s_targetFields)
        {
            if (request.Optional(field) is { } value && value.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                parts.Add(field + "=" + (value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString()));
            }
        }

        return parts.Count == 0 ? null : Clip(string.Join(' ', parts));
    }

    private static string Clip(string text) => text.Length <= MaxField ? text : text[..MaxField] + "…";
}
