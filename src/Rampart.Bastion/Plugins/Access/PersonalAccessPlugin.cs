using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// <c>selfAddPersonalAccess</c>, <c>selfDelPersonalAccess</c>, <c>accountAddPersonalAccess</c> and
/// <c>accountDelPersonalAccess</c>: one entry in an account's own ACL, reached with its personal egress keys.
/// All four are restricted, as in The Bastion (granting the self ones to everyone is the usual setup).
/// </summary>
public sealed class PersonalAccessPlugin(bool self, bool add) : OshPlugin
{
    private static readonly string[] s_proxyOptions = ["proxy-host", "proxy-port", "proxy-user"];

    public override string Name => $"{(self ? "self" : "account")}{(add ? "Add" : "Del")}PersonalAccess";

    public override PluginCategory Category => PluginCategory.Restricted;

    public override string Summary => $"{(add ? "Add" : "Remove")} a personal access {(self ? "of your own" : "of an account")}";

    public override IReadOnlyList<PluginOption> Options =>
        [.. self ? [] : new[] { Text("account") }, .. AclInput.OptionsFor(add, withForce: add, withForcedCredentials: true), .. s_proxyOptions.Select(o => Text(o))];

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var account = self ? call.Caller : call.ExistingAccount(call.Required("account"));
        var input = await AclInput.ReadAsync(call, userAndPortRequired: true, cancellationToken);
        if (s_proxyOptions.Any(o => call.Options.String(o) is not null))
        {
            // Proxy jumps are off, as by default in The Bastion (egressProxyJumpAllowed): no such entry can exist either.
            return add
                ? Fail("ERR_INVALID_PARAMETER", "ProxyJump egress connections are disabled by policy")
                : NoChange("This access doesn't exist, nothing to do");
        }

        if (add && PolicyProblem(call.Config, input, account.Name) is { } problem)
        {
            return Fail("ERR_INVALID_PARAMETER", problem);
        }

        if (add)
        {
            // As The Bastion, an access added by host name keeps that name as its comment unless one is given.
            input = input.WithHostnameComment();
            if (self)
            {
                await ConnectionCheck.RunAsync(call, input, account.EgressKeys, cancellationToken);
            }
            else
            {
                // As The Bastion: the admin cannot prove the account's key is on the server, so the entry goes in blind.
                await call.SayAsync($"Can't verify whether {account.Name}'s personal key has been installed to the remote server, "
                    + "as you don't have access to their private keys, adding the access blindly", cancellationToken);
            }
        }

        var entry = input.ToEntry(call.Caller.Name, call.Now);
        var changed = await call.Services.Directory.ChangeAsync(snapshot =>
        {
            var current = snapshot.Account(account.Name)!;
            var existing = current.PersonalAccesses.FirstOrDefault(e => e.SameWay(entry));
            if ((existing is not null) == add)
            {
                return (null, false);
            }

            var updated = current with
            {
                PersonalAccesses = add ? current.PersonalAccesses.Add(entry) : current.PersonalAccesses.Remove(existing!),
            };
            return (snapshot.With(updated), true);
        }, cancellationToken);

        if (!changed)
        {
            return NoChange(add ? "This access already exists, nothing to do" : "This access doesn't exist, nothing to do");
        }

        await call.SayAsync($"Access to {Describe(input)} {(add ? "added to" : "removed from")} {account.Name}'s personal accesses", cancellationToken);
        // The Bastion's personal access answer has no forced key or password, unlike the group server one.
        var value = input.ToJson(add ? "add" : "del");
        value.Remove("forceKey");
        value.Remove("forcePassword");
        value["account"] = account.Name;
        return Ok(value);
    }

    /// <summary>
    /// The administrator's limits on new personal accesses (<c>plugin.selfAddPersonalAccess.conf</c>,
    /// <c>plugin.accountAddPersonalAccess.conf</c>): the remote user must be the account's name, and no IPv4
    /// network wider than <c>widest_v4_prefix</c>; messages as The Bastion's.
    /// </summary>
    private static string? PolicyProblem(Configuration.PluginConfig config, AclInput input, string account)
    {
        if (config.SelfRemoteUserOnly && input.User != account)
        {
            return $"This bastion policy forces the remote user of personal accesses to match\nthe account name: you may retry with --user {account}";
        }

        var network = input.Network;
        return config.WidestV4Prefix is { } widest && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && network.PrefixLength < 32 && network.PrefixLength < widest
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Specified prefix length (/{network.PrefixLength}) is too wide, maximum allowed for IPv4 is /{widest} by policy")
            : null;
    }

    internal static string Describe(AclInput input) =>
        $"{input.User ?? "*"}@{input.IpText}:{(input.Port is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*")}";
}
