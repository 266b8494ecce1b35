using System.Text.Json.Nodes;
using Rampart.Core.Audit;
using Rampart.Core.Errors;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/rampart/audit/query</c> and <c>/rampart/audit/verify</c>: reading the audit trail and checking its hash chain.
/// Only the local owner may read it: it names every caller and command.
/// </summary>
public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.Map("/rampart/audit/query", QueryAsync).WithName("auditQuery");
        app.Map("/rampart/audit/verify", VerifyAsync).WithName("auditVerify");
    }

    private static async Task<IResult> QueryAsync(HttpContext http, AuditTrail trail, CancellationToken ct)
    {
        http.RequireLocalOwner("read the audit trail");
        var request = await ApiRequest.ReadAsync(http, ct);
        DateTimeOffset? since = null;
        if (request.OptionalString("since") is { } text)
        {
            since = DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new ClientErrorException($"Field since must be a date and time such as 2026-11-23T10:00:00Z, not {text}");
        }

        var records = await trail.QueryAsync(new AuditQuery(
            request.OptionalString("actor"), request.OptionalString("action"), request.OptionalString("target"), request.OptionalString("outcome"),
            since, request.OptionalInt("limit", 1, 100_000) ?? 100), ct);
        return ApiResults.Json(new JsonObject
        {
            ["records"] = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject
            {
                ["sequence"] = r.Sequence,
                ["id"] = r.Id.ToString("D"),
                ["time"] = r.Event.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["actor"] = r.Event.Actor,
                ["source"] = r.Event.Source,
                ["action"] = r.Event.Action,
                ["target"] = r.Event.Target,
                ["outcome"] = r.Event.Outcome,
                ["detail"] = r.Event.Detail,
                ["hash"] = r.Hash,
            })]),
        });
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, AuditTrail trail, CancellationToken ct)
    {
        http.RequireLocalOwner("verify the audit trail");
        var result = await trail.VerifyAsync(ct);
        return ApiResults.Json(new JsonObject
        {
            ["intact"] = result.Intact,
            ["records"] = result.Records,
            ["lastHash"] = result.LastHash,
            ["problem"] = result.Problem,
        });
    }
}
