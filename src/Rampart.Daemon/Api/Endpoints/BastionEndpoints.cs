using System.Text.Json.Nodes;
using Rampart.Bastion.Accounts;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Plugins;
using Rampart.Core.Errors;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/rampart/bastion/bootstrap-admin</c>: the machine's owner creates the bastion's first admin, who then manages
/// everything else over SSH with <c>--osh</c>. Also <c>/rampart/bastion/status</c>.
/// </summary>
public static class BastionEndpoints
{
    public static void MapBastion(this IEndpointRouteBuilder app)
    {
        app.Map("/rampart/bastion/bootstrap-admin", BootstrapAdminAsync).WithName("bastionBootstrapAdmin");
        app.Map("/rampart/bastion/status", Status).WithName("bastionStatus");
    }

    private static async Task<IResult> BootstrapAdminAsync(HttpContext http, IServiceProvider provider, CancellationToken ct)
    {
        http.RequireLocalOwner("create bastion admins");
        var services = provider.GetService<BastionServices>()
            ?? throw new ClientErrorException("The bastion is not set up on this daemon: run `rampart bastion install`, then restart the daemon");
        var registry = provider.GetRequiredService<PluginRegistry>();
        var request = await ApiRequest.ReadAsync(http, ct);
        var name = request.RequireString("name");
        var keyText = request.RequireString("publicKey");
        try
        {
            var key = IngressKeys.Parse(keyText);
            // The first admin holds every grant, as The Bastion's setup-first-admin-account does.
            var grants = registry.All.Where(p => p.Category == PluginCategory.Restricted).Select(p => p.Name).Append("auditor").ToList();
            var account = await AccountCreation.CreateAsync(services,
                new AccountRequest(name, request.OptionalInt("uid", 1, int.MaxValue), key, "bootstrap admin", null, AlwaysActive: true, OshOnly: false,
                    IsAdmin: true, grants), "local", ct);
            return ApiResults.Json(new JsonObject { ["account"] = account.Name, ["uid"] = account.Uid, ["grants"] = grants.Count });
        }
        catch (PluginFailureException failure)
        {
            throw new ClientErrorException($"{failure.Code}: {failure.Message}");
        }
    }

    private static IResult Status(HttpContext http, IServiceProvider provider)
    {
        http.RequireLocalOwner("read the bastion's status");
        var services = provider.GetService<BastionServices>();
        if (services is null)
        {
            return ApiResults.Json(new JsonObject { ["enabled"] = false });
        }

        var snapshot = services.Directory.Current;
        return ApiResults.Json(new JsonObject
        {
            ["enabled"] = true,
            ["name"] = services.Settings.Name,
            ["accounts"] = snapshot.Accounts.Count,
            ["groups"] = snapshot.Groups.Count,
            ["maintenance"] = snapshot.Maintenance is not null,
        });
    }
}
