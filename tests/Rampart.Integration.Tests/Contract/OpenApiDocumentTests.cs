using Microsoft.AspNetCore.Routing;
using Rampart.Daemon.Api;
using Rampart.Daemon.Hosting;
using Rampart.Integration.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Rampart.Integration.Tests.Contract;

/// <summary>The OpenAPI document and the daemon's routes describe the same API.</summary>
public sealed class OpenApiDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_ListsExactlyTheMappedRoutes()
    {
        var routes = await MappedRoutesAsync();

        var document = new YamlStream();
        document.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(BuildOutput.RepositoryRoot, "src/Rampart.Daemon/Api/OpenApi/openapi.yaml"), Ct)));
        var paths = ((YamlMappingNode)((YamlMappingNode)document.Documents[0].RootNode)["paths"]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value!)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(routes, paths);
    }

    [Fact]
    public async Task EveryRoute_HasARuleForKeysOfBastionAccounts()
    {
        var routes = await MappedRoutesAsync();

        // A new endpoint is closed to such keys until it is listed; a listed one that is gone is a stale decision.
        Assert.Equal(routes, ScopedKeyRules.All.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Every route the daemon maps, as the document names them (leading slash, catch-alls left out).</summary>
    private static async Task<List<string>> MappedRoutesAsync()
    {
        using var home = new TempDirectory();
        var options = new DaemonOptions(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), home.Combine("data"), home.Combine("auth"));
        await using var app = await DaemonHost.BuildAsync(options, Ct);
        var routes = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .Where(pattern => !pattern.Contains("{*", StringComparison.Ordinal))
            .Select(pattern => pattern.StartsWith('/') ? pattern : "/" + pattern)
            .Order(StringComparer.Ordinal)
            .ToList();
        return routes;
    }

    [Fact]
    public async Task Daemon_ServesTheDocumentAndAPage()
    {
        await using var daemon = await DaemonProcess.StartAsync(Ct);
        var yaml = await daemon.Http.GetStringAsync(new Uri(daemon.BaseUri, "/openapi.yaml"), Ct);
        Assert.StartsWith("openapi: 3.0.3", yaml, StringComparison.Ordinal);
        var page = await daemon.Http.GetStringAsync(new Uri(daemon.BaseUri, "/"), Ct);
        Assert.Contains("<code>/connection/query</code>", page, StringComparison.Ordinal);
    }
}
