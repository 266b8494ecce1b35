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
        HttpContext http, InventoryService inventory, FleetJobs jobs, ConnectionShells connections, ConnectionScope scope, TimeProvider time, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var command = request.OptionalString("command");
        var script = request.OptionalString("script");
        if ((command is null) == (script is null))
        {
            throw new ClientErrorException("Give exactly one of command and script");
        }

        var targets = await TargetsAsync(http, request, inventory, scope, ct);
        foreach (var target in targets)
        {
            http.RequireGatewayAccess(inventory.GetEntry(target.Connection).Entry, connections);
        }

        var job = jobs.Start(new FleetRequest(
            command, script, targets, request.OptionalInt("parallel", 1, 4096) ?? DefaultParallel, request.OptionalSeconds("timeout"), http.Principal()));
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
        return ApiResults.Json(Job(http, jobs, request).Describe(request.OptionalBool("results") ?? true, time.GetUtcNow()));
    }

    private static async Task<IResult> StreamAsync(HttpContext http, FleetJobs jobs, TimeProvider time, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        return Stream(Job(http, jobs, request), time, ct);
    }

    private static async Task<IResult> CancelAsync(HttpContext http, FleetJobs jobs, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        Job(http, jobs, request).Cancel();
        return ApiResults.Empty();
    }

    /// <summary>The job named; a key bound to a bastion account follows, reads and cancels only the jobs it started itself.</summary>
    private static FleetJob Job(HttpContext http, FleetJobs jobs, ApiRequest request)
    {
        var job = jobs.Get(request.RequireId("job"));
        var principal = http.Principal();
        if (principal.Bastion is not null && job.Request.StartedBy.ApiKeyId != principal.ApiKeyId)
        {
            throw new AccessDeniedException($"This API key acts for bastion account {principal.BastionAccount}; it may only see the fleet jobs it started");
        }

        return job;
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

    /// <summary>
    /// Explicit <c>connections</c>, or the query filters; only shell connections, never an empty filter. A key bound to a
    /// bastion account is refused a connection it names and may not use; its filters match only the ones it may.
    /// </summary>
    private static async Task<List<FleetTarget>> TargetsAsync(HttpContext http, ApiRequest request, InventoryService inventory, ConnectionScope scope, CancellationToken ct)
    {
        var explicitIds = request.Optional("connections") is not null ? request.RequireIdList("connections") : null;
        var category = request.OptionalString("categoryFilter");
        var connection = request.OptionalString("connectionFilter");
        var type = request.OptionalString("typeFilter");
        if (explicitIds is null && category is null && connection is null && type is null)
        {
            throw new ClientErrorException("Name the hosts: connections, or at least one of categoryFilter, connectionFilter and typeFilter");
        }

        IReadOnlyList<Guid> ids;
        if (explicitIds is not null)
        {
            foreach (var id in explicitIds)
            {
                await scope.RequireAllowedAsync(http, id, ct);
            }

            ids = explicitIds;
        }
        else
        {
            ids = await scope.FilterAsync(http.Principal(), inventory.QueryEntries(category ?? "**", connection ?? "**", type ?? "*"), ct);
        }

        var targets = inventory.GetEntries(ids)
            .Where(info => ConnectionTypes.Get(info.Entry.Type).IsShell)
            .Select(info => new FleetTarget(info.Entry.Id, info.Entry.Name))
            .DistinctBy(t => t.Connection)
            .ToList();
        return targets.Count > 0 ? targets : throw new ClientErrorException("No shell connection matches");
    }
}
