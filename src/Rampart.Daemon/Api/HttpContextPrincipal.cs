using Rampart.Core.Access;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Daemon.Shells;

namespace Rampart.Daemon.Api;

/// <summary>The authenticated caller of a request, as <see cref="ApiAuthentication"/> found it.</summary>
public static class HttpContextPrincipal
{
    public static Principal Principal(this HttpContext http) =>
        http.Items[typeof(Principal)] as Principal ?? throw new AccessDeniedException("Not authenticated");

    /// <summary>
    /// Running commands or touching files on the gateway itself is for the local owner and for API keys created with
    /// that right: the gateway holds the vault key, so a shell on it is a way to every secret.
    /// </summary>
    public static void RequireGatewayAccess(this HttpContext http, Entry entry, ConnectionShells shells)
    {
        if (!http.Principal().MayRunOnGateway && shells.RunsOnGateway(entry))
        {
            throw new AccessDeniedException(
                $"{entry.Name} runs on, or logs in with key files of, the gateway itself; this API key may not do that (create it with mayRunOnGateway / --may-run-on-gateway)");
        }
    }

    /// <summary>Only the machine's owner (local auth file) may do this, not an API key holder.</summary>
    public static void RequireLocalOwner(this HttpContext http, string what)
    {
        if (http.Principal().Kind != PrincipalKind.LocalOwner)
        {
            throw new AccessDeniedException($"Only the local owner (local auth file) may {what}");
        }
    }
}
