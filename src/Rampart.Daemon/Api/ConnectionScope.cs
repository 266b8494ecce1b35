using System.Net;
using System.Net.Sockets;
using Rampart.Core.Access;
using Rampart.Core.Bastion.Directory;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Daemon.Shells;

namespace Rampart.Daemon.Api;

/// <summary>
/// Which connections a caller may use over the API. The local owner and plain API keys see everything (plain keys minus
/// the gateway itself, <see cref="HttpContextPrincipal.RequireGatewayAccess"/>). A key that belongs to a bastion account
/// sees and reaches only ssh connections whose every login (host, port, user) that account's accesses allow now, on
/// the bastion's current snapshot, while the account may log in; for it, a connection it may not use and one that
/// does not exist are refused alike (403), so nothing about hidden connections shows. Which endpoints ask what is
/// decided in <see cref="ScopedKeyRules"/>.
/// </summary>
public sealed partial class ConnectionScope(
    InventoryService inventory, ConnectionShells shells, TimeProvider time, IServiceProvider provider, ILogger<ConnectionScope> logger)
{
    private const int ParallelLookups = 16;
    private static readonly TimeSpan s_lookupTimeout = TimeSpan.FromSeconds(5);

    private readonly BastionDirectory? _bastion = provider.GetService<BastionDirectory>();

    // Without a user, ssh logs in as the user running it: the daemon's.
    private readonly string _defaultUser = Environment.UserName;

    /// <summary>Why the caller may do nothing at all now (its bastion account cannot log in), or null; always null for others.</summary>
    public string? Refusal(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Bastion is not { } binding)
        {
            return null;
        }

        var why = _bastion is null
            ? "this daemon runs no bastion (start it with --bastion-config)"
            : ScopedAccess.Refusal(_bastion.Current, binding, time.GetUtcNow());
        return why is null ? null : "API key refused: " + why;
    }

    /// <summary>For key creation: the account must exist on this daemon's bastion (400 otherwise).</summary>
    public void CheckAccount(string account)
    {
        var snapshot = _bastion?.Current ?? throw new ClientErrorException(
            "This daemon runs no bastion, so an API key cannot belong to a bastion account (start the daemon with --bastion-config)");
        if (snapshot.Account(account) is null)
        {
            throw new ClientErrorException($"Unknown bastion account: {account}");
        }
    }

    /// <summary>Whether the caller may use this connection now; true for callers not bound to a bastion account.</summary>
    public async Task<bool> AllowsAsync(Principal principal, Guid connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Bastion is null || await DenialAsync(principal, connection, cancellationToken) is null;
    }

    /// <summary>Refuses (403) a connection the caller may not use; a no-op for callers not bound to a bastion account.</summary>
    public async Task RequireAllowedAsync(HttpContext http, Guid connection, CancellationToken cancellationToken)
    {
        var principal = http.Principal();
        if (principal.Bastion is not null && await DenialAsync(principal, connection, cancellationToken) is { } reason)
        {
            LogDenied(logger, principal.DisplayName, connection, reason);
            throw new AccessDeniedException(
                $"This API key acts for bastion account {principal.BastionAccount}, whose accesses do not allow connection {connection}");
        }
    }

    /// <summary>The connection to run commands or move files on: allowed (above), existing, and not the gateway unless permitted.</summary>
    public async Task<Entry> RequireUseAsync(HttpContext http, Guid connection, CancellationToken cancellationToken)
    {
        await RequireAllowedAsync(http, connection, cancellationToken);
        var entry = inventory.GetEntry(connection).Entry;
        http.RequireGatewayAccess(entry, shells);
        return entry;
    }

    /// <summary>The ids among <paramref name="ids"/> the caller may use, in their order.</summary>
    public async Task<IReadOnlyList<Guid>> FilterAsync(Principal principal, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(ids);
        if (principal.Bastion is null)
        {
            return ids;
        }

        if (Refusal(principal) is not null)
        {
            return [];
        }

        // Each distinct name is looked up once per call, a few at a time.
        var routes = ids.Select(id => (Id: id, Hops: Route(id, out _))).ToList();
        var names = routes.SelectMany(r => r.Hops ?? []).Select(h => h.Host).Where(h => !HostText.TryAddress(h, out _))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var addresses = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.OrdinalIgnoreCase);
        var lookups = new ParallelOptions { MaxDegreeOfParallelism = ParallelLookups, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(names, lookups, async (name, ct) =>
        {
            var found = await LookUpAsync(name, ct);
            lock (addresses)
            {
                addresses[name] = found;
            }
        });

        var snapshot = _bastion!.Current;
        var now = time.GetUtcNow();
        var account = principal.BastionAccount!;
        return [.. routes.Where(r => r.Hops is { } hops && hops.All(h => ScopedAccess.Grants(snapshot, account, h, Addresses(h, addresses), now))).Select(r => r.Id)];
    }

    /// <summary>Why a caller bound to a bastion account may not use the connection, or null. Never shown to the caller.</summary>
    private async Task<string?> DenialAsync(Principal principal, Guid connection, CancellationToken cancellationToken)
    {
        if (Refusal(principal) is { } refusal)
        {
            return refusal;
        }

        if (Route(connection, out var why) is not { } hops)
        {
            return why;
        }

        var known = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.OrdinalIgnoreCase);
        foreach (var hop in hops.Where(h => !HostText.TryAddress(h.Host, out _) && !known.ContainsKey(h.Host)))
        {
            known[hop.Host] = await LookUpAsync(hop.Host, cancellationToken);
        }

        // Read after the lookups, so a change made meanwhile counts.
        var snapshot = _bastion!.Current;
        var now = time.GetUtcNow();
        return hops.All(h => ScopedAccess.Grants(snapshot, principal.BastionAccount!, h, Addresses(h, known), now))
            ? null
            : "the account's accesses do not grant every login on its way";
    }

    private IReadOnlyList<SshHop>? Route(Guid connection, out string refusal)
    {
        if (inventory.FindEntry(connection) is not { } entry)
        {
            refusal = "no such connection";
            return null;
        }

        return SshRoute.TryRead(entry, inventory.FindEntry, _defaultUser, out var hops, out refusal) ? hops : null;
    }

    private static IReadOnlyList<IPAddress> Addresses(SshHop hop, Dictionary<string, IReadOnlyList<IPAddress>> known) =>
        HostText.TryAddress(hop.Host, out var address) ? [address] : known.GetValueOrDefault(hop.Host) ?? [];

    /// <summary>Every address the system resolver gives for a name, as ssh would ask it; none when it fails or is slow.</summary>
    private static async Task<IReadOnlyList<IPAddress>> LookUpAsync(string name, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_lookupTimeout);
        try
        {
            return await Dns.GetHostAddressesAsync(name, timeout.Token);
        }
        catch (SocketException)
        {
            return [];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "{Actor} refused connection {Connection}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string actor, Guid connection, string reason);
}
