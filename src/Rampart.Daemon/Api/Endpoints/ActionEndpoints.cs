using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;
using Rampart.Daemon.Shells;
using Rampart.Shell.Files;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/action</c>: XPipe's generic action call, <c>{"action": {"id", "ref", …}, "confirm"}</c>: <c>refreshStore</c> and
/// the file actions run; unknown ids are refused as XPipe refuses them; ids XPipe knows but Rampart cannot honour say why.
/// </summary>
public static class ActionEndpoints
{
    /// <summary>XPipe actions that open windows on a desktop; Rampart runs headless.</summary>
    private static readonly HashSet<string> s_desktopOnly = new(StringComparer.Ordinal)
    {
        "open", "launch", "browseStore", "runTerminalStore", "openSplit", "editStore", "editScriptInEditor", "openDirectory",
        "openInTerminal", "openFileDefault", "openFileWith", "openFileNativeDetails", "openFileNativeManager",
        "browseInNativeFileManager", "runCommandInTerminal", "copyIp", "copyServiceAddress", "setupTool", "back", "forward",
        "attachPodmanContainer", "openPodmanContainerLogs", "editPodmanContainerUnitFile", "openLxdContainerConsole",
        "editLxdContainerConfig", "openIncusContainerConsole", "editIncusContainerConfig", "editIncusContainerRunConfig",
    };

    /// <summary>XPipe actions that need a live shell or tunnel on the connection.</summary>
    private static readonly HashSet<string> s_needShells = new(StringComparer.Ordinal)
    {
        "newLink", "toggleStore",
        "startStore", "stopAction", "restartAction", "pauseStore", "refreshStoreChildren", "runHubScript", "runHubBatchScript",
        "runBackgroundScript", "runCommandInBrowser", "runFileInBackground", "transferFiles", "applyFileEdit",
        "computeDirectorySizes", "download", "refresh", "zip", "unzip", "tar", "untar", "gzip", "gunzip", "scanStore",
        "scanStoreBatch", "refreshServices", "cloneStore", "toggleStartOnInit", "applyIdentity", "convertLocalIdentity",
        "syncConfig", "importScriptCollection", "refreshScriptCollection", "refreshScriptUrlSource",
        "browseScriptCollectionSource", "inspectPodmanContainer",
    };

    public static void MapActions(this IEndpointRouteBuilder app) => app.Map("/action", ActAsync).WithName("action");

    private static async Task<IResult> ActAsync(
        HttpContext http, InventoryService inventory, ConnectionValidator validator, ShellSessions shells, ConnectionShells connections, ConnectionScope scope,
        CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        if (request.Optional("action") is not JsonObject action
            || action["id"] is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.String)
        {
            throw new ClientErrorException("Unable to parse action into known schema");
        }

        var id = idValue.GetValue<string>();
        if (id != "refreshStore" && !FileActionCommand.Ids.Contains(id) && !s_desktopOnly.Contains(id) && !s_needShells.Contains(id))
        {
            throw new ClientErrorException("Unable to parse action into known schema");
        }

        var references = References(action);
        foreach (var reference in references)
        {
            await scope.RequireAllowedAsync(http, reference, ct);
        }

        var entries = references
            .Select(reference => inventory.FindEntry(reference) ?? throw new ClientErrorException($"Store not found for id {reference}"))
            .ToList();

        if (s_desktopOnly.Contains(id))
        {
            throw new ClientErrorException($"Action {id} opens a desktop window; Rampart runs headless and does not support it");
        }

        if (s_needShells.Contains(id))
        {
            throw new ClientErrorException($"Action {id} is not supported by this Rampart version yet");
        }

        if (FileActionCommand.Ids.Contains(id))
        {
            // Checked in full before anything runs, so a bad field changes nothing anywhere.
            var command = FileActionCommand.Build(id, action);
            entries.ForEach(entry => http.RequireGatewayAccess(entry, connections));
            foreach (var entry in entries)
            {
                await RunFileActionAsync(id, command, entry, shells, connections, ct);
            }

            return ApiResults.Empty();
        }

        // refreshStore: connect to each shell connection, as /connection/refresh does.
        entries.ForEach(entry => http.RequireGatewayAccess(entry, connections));
        foreach (var entry in entries)
        {
            await validator.ValidateAsync(entry, ct);
        }

        return ApiResults.Empty();
    }

    /// <summary>In the connection's shell (started if needed, as XPipe's file browser does), as its user.</summary>
    private static async Task RunFileActionAsync(
        string id, string command, Entry entry, ShellSessions shells, ConnectionShells connections, CancellationToken ct)
    {
        if (!ConnectionTypes.Get(entry.Type).IsShell)
        {
            throw new ClientErrorException($"{entry.Name} is not applicable for action type {id}: not a shell connection");
        }

        var session = await shells.StartAsync(entry.Id, token => connections.LaunchAsync(entry, token), ct);
        var result = await session.ExecAsync(command, TimeSpan.FromMinutes(5), ct);
        if (result.ExitCode != 0)
        {
            throw new ClientErrorException($"Action {id} failed on {entry.Name}: {(result.Stderr.Length > 0 ? result.Stderr : "exit code " + result.ExitCode)}");
        }
    }

    private static List<Guid> References(JsonObject action)
    {
        var node = action["ref"] ?? action["refs"] ?? throw new ClientErrorException("Invalid store id: field ref is missing");
        var ids = node is JsonArray array ? array.ToList() : [node];
        return ids.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParseExact(v.GetValue<string>(), "D", out var g)
                ? g
                : throw new ClientErrorException($"Invalid store id: {n?.ToJsonString() ?? "null"}"))
            .ToList();
    }
}
