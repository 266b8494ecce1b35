using System.Text;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;
using Rampart.Daemon.Fleet;
using Rampart.Daemon.Shells;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// Fleet execution (a Rampart extension): <c>/fleet/exec</c> starts a job on every shell connection the filters match
/// and returns its id (or, with <c>stream: true</c>, streams one NDJSON line per host as it finishes, then a summary);
/// <c>/fleet/job</c> reports progress and results; <c>/fleet/stream</c> follows a job live; <c>/fleet/cancel</c> stops it.
/// </summary>
public static class FleetEndpoints
{
    private const int DefaultParallel = 64;

    public static void MapFleet(this IEndpointRouteBuilder app)
    {
        app.Map("/fleet/exec", ExecAsync).WithName("fleetExec");
        app.Map("/fleet/job", JobAsync).WithName("fleetJob");
        app.Map("/fleet/stream", StreamAsync).WithName("fleetStream");
        app.Map("/fleet/cancel", CancelAsync).WithName("fleetCancel");
    }

    private static async Task<IResult> ExecAsync(
        HttpContext http, InventoryService inventory, FleetJobs jobs, ConnectionShells connections, TimeProvider time, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var command = request.OptionalString("command");
        var script = request.OptionalString("script");
        if ((command is null) == (script is null))
        {
            throw new ClientErrorException("Give exactly one of command and script");
        }

        var targets = Targets(request, inventory);
        foreach (var target in targets)
        {
            http.RequireGatewayAccess(inventory.GetEntry(target.Connection).Entry, connections);
        }

        var job = jobs.Start(new FleetRequest(
            command, script, targets, request.OptionalInt("parallel", 1, 4096) ?? DefaultParallel, request.OptionalSeconds("timeout")));
        if (request.OptionalBool("stream") != true)
        {
            return ApiResults.Json(job.Describe(withResults: false, time.GetUtcNow()));
        }

        // The caller follows its own job: if it goes away, the job is cancelled, as an abandoned /shell/exec is.
        ct.Register(job.Cancel);
        return Stream(job, time, ct);
    }

    private static async Task<IResult> JobAsync(HttpContext http, FleetJobs jobs, TimeProvider time, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        return ApiResults.Json(jobs.Get(request.RequireId("job")).Describe(request.OptionalBool("results") ?? true, time.GetUtcNow()));
    }

    private static async Task<IResult> StreamAsync(HttpContext http, FleetJobs jobs, TimeProvider time, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        return Stream(jobs.Get(request.RequireId("job")), time, ct);
    }

    private static async Task<IResult> CancelAsync(HttpContext http, FleetJobs jobs, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        jobs.Get(request.RequireId("job")).Cancel();
        return ApiResults.Empty();
    }

    /// <summary>NDJSON: the job line first (its id, for cancelling), one line per host, then the summary.</summary>
    private static IResult Stream(FleetJob job, TimeProvider time, CancellationToken ct) => Results.Stream(async body =>
    {
        async Task WriteAsync(JsonNode line)
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString() + "\n"), ct);
            await body.FlushAsync(ct);
        }

        await WriteAsync(new JsonObject { ["job"] = job.Id.ToString("D"), ["total"] = job.Request.Targets.Count });
        await foreach (var result in job.FollowAsync(ct))
        {
            await WriteAsync(result.ToJson());
        }

        await WriteAsync(new JsonObject { ["summary"] = job.Describe(withResults: false, time.GetUtcNow()) });
    }, "application/x-ndjson");

    /// <summary>Explicit <c>connections</c>, or the query filters; only shell connections, never an empty filter.</summary>
    private static List<FleetTarget> Targets(ApiRequest request, InventoryService inventory)
    {
        var explicitIds = request.Optional("connections") is not null ? request.RequireIdList("connections") : null;
        var category = request.OptionalString("categoryFilter");
        var connection = request.OptionalString("connectionFilter");
        var type = request.OptionalString("typeFilter");
        if (explicitIds is null && category is null && connection is null && type is null)
        {
            throw new ClientErrorException("Name the hosts: connections, or at least one of categoryFilter, connectionFilter and typeFilter");
        }

        var ids = explicitIds ?? inventory.QueryEntries(category ?? "**", connection ?? "**", type ?? "*");
        var targets = inventory.GetEntries(ids)
            .Where(info => ConnectionTypes.Get(info.Entry.Type).IsShell)
            .Select(info => new FleetTarget(info.Entry.Id, info.Entry.Name))
            .DistinctBy(t => t.Connection)
            .ToList();
        return targets.Count > 0 ? targets : throw new ClientErrorException("No shell connection matches");
    }
}
