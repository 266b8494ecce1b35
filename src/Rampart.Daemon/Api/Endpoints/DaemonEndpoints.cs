using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary><c>/daemon/version</c>: the XPipe API level Rampart speaks, and what Rampart itself is.</summary>
public static class DaemonEndpoints
{
    /// <summary>The XPipe release whose API Rampart implements; clients check it is at least 17.0 (PEP 440).</summary>
    public const string ApiVersion = "23.8";

    public static void MapDaemon(this IEndpointRouteBuilder app) =>
        app.Map("/daemon/version", () => ApiResults.Json(new JsonObject
        {
            ["version"] = ApiVersion,
            ["canonicalVersion"] = ApiVersion + ".0",
            ["buildVersion"] = "rampart-" + typeof(DaemonEndpoints).Assembly.GetName().Version?.ToString(3),
            ["jvmVersion"] = $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})",
            ["pro"] = true,
        })).WithName("daemonVersion");
}
