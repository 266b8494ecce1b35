using Rampart.Bastion.Dispatch;
using System.Net;
using System.Text.Json.Nodes;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// The ACL entry a plugin call describes: <c>--host</c>, <c>--user</c> and <c>--port</c> come from the shell level
/// (The Bastion parses them before the plugin), <c>--user-any</c>, <c>--port-any</c>, <c>--protocol</c>,
/// <c>--ttl</c>, <c>--comment</c>, <c>--force-key</c> and <c>--force-password</c> from the plugin's own options.
/// </summary>
/// <param name="Host">The host as typed, before resolution.</param>
public sealed record AclInput(IPNetwork Network, string? User, int? Port, TimeSpan? Ttl, string? Comment, string? ForceKey, string? ForcePassword, string Host)
{
    /// <summary>
    /// The options an ACL-changing plugin declares besides the shell-level ones, as The Bastion's: every one takes the
    /// user, port and protocol options; only additions take <c>--ttl</c> and <c>--comment</c>; <c>--force</c> goes with
    /// the server and personal access plugins (accepted and ignored where nothing is tested, as older versions of The
    /// Bastion tested <c>accountAddPersonalAccess</c> too); only group servers and personal accesses pin a key or password.
    /// </summary>
    public static IReadOnlyList<Osh.PluginOption> OptionsFor(bool add, bool withForce, bool withForcedCredentials)
    {
        var options = new List<Osh.PluginOption>
        {
            new("user-any", Osh.OptionKind.Flag, [], false),
            new("port-any", Osh.OptionKind.Flag, [], false),
            new("protocol", Osh.OptionKind.String, [], false),
            new("scpup", Osh.OptionKind.Flag, [], false),
            new("scpdown", Osh.OptionKind.Flag, [], false),
            new("sftp", Osh.OptionKind.Flag, [], false),
        };
        if (add)
        {
            options.Add(new("ttl", Osh.OptionKind.String, [], false));
            options.Add(new("comment", Osh.OptionKind.String, [], false));
        }

        if (add && withForcedCredentials)
        {
            options.Add(new("force-key", Osh.OptionKind.String, [], false));
            options.Add(new("force-password", Osh.OptionKind.String, [], false));
        }

        if (withForce)
        {
            options.Add(new("force", Osh.OptionKind.Flag, [], false));
        }

        return options;
    }

    public static async Task<AclInput> ReadAsync(PluginCall call, bool userAndPortRequired, CancellationToken cancellationToken)
    {
        var host = call.Invocation.Host ?? (call.Options.Positionals.Count > 0 ? call.Options.Positionals[0] : null)
            ?? throw new PluginFailureException("ERR_MISSING_PARAMETER", "Missing mandatory parameter --host");
        var network = await ResolveHostAsync(host, cancellationToken);

        var user = call.Invocation.User;
        var userAny = call.Options.Flag("user-any") || user == "*";
        if (user is not null && user != "*" && call.Options.Flag("user-any"))
        {
            throw new PluginFailureException("ERR_INCOMPATIBLE_PARAMETERS", "Options --user and --user-any are mutually exclusive");
        }

        if (Protocol(call.Options) is { } protocol)
        {
            if (user is not null)
            {
                throw new PluginFailureException("ERR_INCOMPATIBLE_PARAMETERS",
                    $"To grant access using the {protocol} protocol, first ensure SSH access is granted to the machine (with the --user you need), "
                    + "then grant with --protocol, omitting --user");
            }

            user = "!" + protocol;
            userAny = false;
        }

        var port = call.Invocation.Port;
        var portAny = call.Options.Flag("port-any");
        if (port is not null && portAny)
        {
            throw new PluginFailureException("ERR_INCOMPATIBLE_PARAMETERS", "Options --port and --port-any are mutually exclusive");
        }

        if (userAndPortRequired && user is null && !userAny)
        {
            throw new PluginFailureException("ERR_MISSING_PARAMETER", "Please specify either --user or --user-any");
        }

        if (userAndPortRequired && port is null && !portAny)
        {
            throw new PluginFailureException("ERR_MISSING_PARAMETER", "Please specify either --port or --port-any");
        }

        TimeSpan? ttl = null;
        if (Optional(call, "ttl") is { } ttlText)
        {
            ttl = TtlText.TryParse(ttlText, out var parsed)
                ? parsed
                : throw new PluginFailureException("KO_INVALID_PARAMETER", $"Invalid TTL ({ttlText}), expected an amount of seconds, or a duration string such as '2d8h15m'");
        }

        var forceKey = Optional(call, "force-key");
        var forcePassword = Optional(call, "force-password");
        if (forceKey is not null && forcePassword is not null)
        {
            throw new PluginFailureException("ERR_INCOMPATIBLE_PARAMETERS", "Options --force-key and --force-password are mutually exclusive");
        }

        if (forcePassword is not null && !Core.Bastion.Passwords.UnixCrypt.IsHash(forcePassword))
        {
            throw new PluginFailureException("ERR_INVALID_PARAMETER",
                "Specified hash is invalid, examples of hashes: $1$Pl44$BEyG04AjjH0TRhLuhAs4A1 $5$8BzocSDA$Hu/FdA/KrFe9HFWvXL4F5csJFxV1HlrLt4c3AOac5N5");
        }

        return new AclInput(network, userAny ? null : user, portAny ? null : port, ttl, Optional(call, "comment"), forceKey, forcePassword, host);
    }

    /// <summary>A string option some ACL plugins take and others do not (a removal has no TTL).</summary>
    private static string? Optional(PluginCall call, string name) => call.Options.Declares(name) ? call.Options.String(name) : null;

    /// <summary>
    /// The file-transfer protocol the entry grants, from <c>--protocol</c> or the legacy <c>--scpup</c>,
    /// <c>--scpdown</c> and <c>--sftp</c> switches (one at a time, as in The Bastion); null for plain ssh.
    /// </summary>
    private static string? Protocol(Osh.ParsedOptions options)
    {
        var (up, down, sftp) = (options.Flag("scpup"), options.Flag("scpdown"), options.Flag("sftp"));
        if (options.String("protocol") is { } protocol)
        {
            if (up || down || sftp)
            {
                throw new PluginFailureException("ERR_INCOMPATIBLE_PARAMETERS", "Can't use --protocol with --scpup, --scpdown or --sftp");
            }

            return protocol is "scpupload" or "scpdownload" or "sftp" or "rsync"
                ? protocol
                : throw new PluginFailureException("ERR_INVALID_PARAMETER",
                    $"The protocol '{protocol}' is not supported, expected either scpupload, scpdownload, sftp or rsync");
        }

        if (up && down)
        {
            throw new PluginFailureException("ERR_INCOMPATIBLE_PARAMETERS",
                "You specified both --scpup and --scpdown, if you want to grant both, please do it in two separate commands");
        }

        if (sftp && (up || down))
        {
            throw new PluginFailureException("ERR_INCOMPATIBLE_PARAMETERS",
                "You can specify only one of --sftp --scpup --scpdown at a time, if you want to grant several of those protocols, please do it in separate commands");
        }

        return sftp ? "sftp" : up ? "scpupload" : down ? "scpdownload" : null;
    }

    /// <summary>
    /// An access added by name keeps the name as its comment when none was given (<c>hostname=NAME</c>), as the
    /// reference's add plugins do: the ACL only holds the address the name had at that time.
    /// </summary>
    public AclInput WithHostnameComment() =>
        string.IsNullOrEmpty(Comment) && Host != IpText ? this with { Comment = "hostname=" + Host } : this;

    public AclEntry ToEntry(string addedBy, DateTimeOffset now) =>
        new(Network, User, Port, Ttl is { } ttl ? now + ttl : null, addedBy, now, Comment, ForceKey, ForcePassword);

    public AclRequest ToRequest() => new(Network, User, Port);

    public string IpText => HostSpec.Format(Network);

    /// <summary>The value The Bastion returns after an ACL change.</summary>
    public JsonObject ToJson(string action) => new()
    {
        ["action"] = action,
        ["ip"] = IpText,
        ["user"] = User,
        ["port"] = Port,
        ["ttl"] = Ttl is { } ttl ? (long)ttl.TotalSeconds : null,
        ["comment"] = Comment,
        ["forceKey"] = ForceKey,
        ["forcePassword"] = ForcePassword,
        ["proxyIp"] = null,
        ["proxyPort"] = null,
        ["proxyUser"] = null,
    };

    /// <summary>An IP or subnet as typed, or a name resolved now; KO_INVALID_IP or KO_HOST_NOT_FOUND otherwise.</summary>
    public static async Task<IPNetwork> ResolveHostAsync(string host, CancellationToken cancellationToken)
    {
        if (HostSpec.TryParseIp(host, allowSubnet: true, out var network, out _))
        {
            return network;
        }

        if (!HostSpec.TryParseServerLine(host, out _, out _) || host.Contains('/', StringComparison.Ordinal))
        {
            throw new PluginFailureException("KO_INVALID_IP", $"Invalid host '{host}'");
        }

        // A name is resolved once, now: the ACL keeps the address, as The Bastion does.
        var address = await HostResolution.AddressAsync(host, cancellationToken)
            ?? throw new PluginFailureException("KO_HOST_NOT_FOUND", $"Unable to resolve host '{host}'");
        return HostResolution.OneAddress(address);
    }
}
