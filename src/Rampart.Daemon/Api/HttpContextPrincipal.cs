using Rampart.Core.Access;
using Rampart.Core.Errors;

namespace Rampart.Daemon.Api;

/// <summary>The authenticated caller of a request, as <see cref="ApiAuthentication"/> found it.</summary>
public static class HttpContextPrincipal
{
    public static Principal Principal(this HttpContext http) =>
        http.Items[typeof(Principal)] as Principal ?? throw new AccessDeniedException("Not authenticated");

    /// <summary>Only the machine's owner (local auth file) may do this, not an API key holder.</summary>
    public static void RequireLocalOwner(this HttpContext http, string what)
    {
        if (http.Principal().Kind != PrincipalKind.LocalOwner)
        {
            throw new AccessDeniedException($"Only the local owner (local auth file) may {what}");
        }
    }
}
