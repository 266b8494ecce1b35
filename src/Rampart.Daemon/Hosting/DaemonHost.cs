using System.Security.Cryptography;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Rampart.Core.Access;
using Rampart.Core.Audit;
using Rampart.Core.Bastion.Directory;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Vault;
using Rampart.Daemon.Api;
using Rampart.Daemon.Api.Endpoints;
using Rampart.Daemon.Api.OpenApi;
using Rampart.Daemon.Files;
using Rampart.Daemon.Fleet;
using Rampart.Daemon.Shells;
using Rampart.Shell.OpenSsh;
using Rampart.Shell.OpenSsh.Askpass;
using Rampart.Shell.Sessions;
using Rampart.Store.Access;
using Rampart.Store.Audit;
using Rampart.Store.Inventory;
using Rampart.Store.Sqlite;
using Rampart.Store.Vault;

namespace Rampart.Daemon.Hosting;

/// <summary>Builds and runs the daemon: storage and vault first, then the HTTP API, then the local auth file.</summary>
public static partial class DaemonHost
{
    public static async Task<int> RunAsync(DaemonOptions options, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = await BuildAsync(options, cancellationToken);
        }
        catch (Exception e) when (e is RampartException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"rampart daemon: {e.Message}");
            return 1;
        }

        await using (app)
        {
            var authFile = app.Services.GetRequiredService<LocalAuthFile>();
            var logger = app.Services.GetRequiredService<ILogger<DaemonOptions>>();
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"rampart daemon: cannot listen on {options.Listen}: {e.Message}");
                return 1;
            }

            // Written only once the API answers, so a client that finds the file can connect.
            authFile.Write();
            LogStarted(logger, options.Listen.ToString(), options.DataDirectory, authFile.Path);
            if (!System.Net.IPAddress.IsLoopback(options.Listen.Address))
            {
                LogExposed(logger, options.Listen.ToString());
            }

            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            finally
            {
                authFile.Remove();
                app.Services.GetRequiredService<AuditTrail>().Record(
                    new AuditEvent(TimeProvider.System.GetUtcNow(), "daemon", "local", "daemon stop", null, "ok", null));
                LogStopped(logger);
            }
        }

        return 0;
    }

    /// <summary>Everything but listening: tests use it to inspect the routes without starting a server.</summary>
    public static async Task<WebApplication> BuildAsync(DaemonOptions options, CancellationToken cancellationToken)
    {
        DataDirectory.Prepare(options.DataDirectory);
        var dataKey = VaultKeyFile.LoadOrCreate(options.DataDirectory, VaultPassphrase.Read);
        var cipher = new VaultCipher(dataKey);
        CryptographicOperations.ZeroMemory(dataKey);
        var database = new SqliteDatabase(options.DataDirectory);
        await database.InitializeAsync(cancellationToken);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Start failures (a port in use) are reported as one line by RunAsync, not as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Listen);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http1);
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddSingleton(cipher);
        services.AddSingleton<ApiSecretCodec>();
        services.AddSingleton<GlobCache>();
        services.AddSingleton<IInventoryStore, SqliteInventoryStore>();
        services.AddSingleton<InventoryService>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ApiSessions>();
        services.AddSingleton(new LocalAuthFile(options.AuthFile));
        services.AddSingleton<ApiDocument>();
        services.AddSingleton<ShellSessions>();
        // Factories, not instances: the container disposes only what it created, and these own processes and directories.
        services.AddSingleton(_ => new SshEnvironment(options.DataDirectory, TimeProvider.System, AskpassProgram.Locate()));
        services.AddSingleton<SshTargetResolver>();
        services.AddSingleton(provider =>
        {
            var environment = provider.GetRequiredService<SshEnvironment>();
            var resolver = provider.GetRequiredService<SshTargetResolver>();
            return new AskpassServer(environment.AskpassSocket, environment.AskpassTokens, resolver.RevealPassword);
        });
        services.AddSingleton<ConnectionShells>();
        services.AddSingleton<ConnectionScope>();
        services.AddSingleton<FleetJobs>();
        services.AddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<ConnectionValidator>();
        services.AddSingleton<FileTargets>();
        services.AddSingleton(_ => new BlobStore(options.DataDirectory));
        if (options.BastionConfig is { } bastionConfig)
        {
            AddBastion(services, options, Contracts.Bastion.BastionConfig.Load(bastionConfig));
        }

        var app = builder.Build();
        await app.Services.GetRequiredService<InventoryService>().InitializeAsync(cancellationToken);
        await app.Services.GetRequiredService<ApiKeyService>().InitializeAsync(cancellationToken);
        app.Services.GetRequiredService<AskpassServer>();
        if (app.Services.GetService<BastionDirectory>() is { } bastion)
        {
            await bastion.InitializeAsync(cancellationToken);
        }

        var audit = app.Services.GetRequiredService<AuditTrail>();
        await audit.StartAsync(cancellationToken);
        audit.Record(new AuditEvent(TimeProvider.System.GetUtcNow(), "daemon", "local", "daemon start", null, "ok", $"listening on {options.Listen}"));

        app.UseMiddleware<AuditTrailing>();
        app.UseMiddleware<RequestLogging>();
        app.UseMiddleware<ApiErrorHandling>();
        app.UseMiddleware<ApiAuthentication>();
        MapEndpoints(app);
        return app;
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapDocumentation();
        app.MapHandshake();
        app.MapDaemon();
        app.MapConnections();
        app.MapImports();
        app.MapExports();
        app.MapFleet();
        app.MapAudit();
        app.MapBastion();
        app.MapLegacyConnections();
        app.MapCategories();
        app.MapSecrets();
        app.MapActions();
        app.MapApiKeys();
        app.MapShells();
        app.MapFiles();
        app.MapFallback((HttpContext http) =>
            ApiResults.ClientError($"Unknown endpoint: {http.Request.Path}", StatusCodes.Status404NotFound));
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information,
        Message = "Rampart daemon listening on http://{Listen}, data in {DataDirectory}, local auth file {AuthFile}")]
    private static partial void LogStarted(ILogger logger, string listen, string dataDirectory, string authFile);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning,
        Message = "Listening on {Listen}, beyond this machine: the API is plain HTTP, so API keys and secrets cross the network unencrypted; put TLS in front")]
    private static partial void LogExposed(ILogger logger, string listen);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Rampart daemon stopped")]
    private static partial void LogStopped(ILogger logger);
}
