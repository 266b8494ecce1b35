using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Access;

namespace Rampart.Bastion.Plugins.Transfer;

/// <summary>
/// <c>scp</c>: the remote end of an scp transfer through the bastion. Called without a host it hands out the account's
/// wrapper script; called by that script (or The Bastion's own helpers) as <c>--host H --port P --user U --osh scp
/// --scp-cmd ENCODED</c>, it checks the <c>scpupload</c> or <c>scpdownload</c> grant the command needs and runs it.
/// The command comes encoded as The Bastion's helpers write it (<c>#</c> for a space, <c>##</c> for <c>#</c>).
/// </summary>
public sealed partial class ScpPlugin : TransferPlugin
{
    private static readonly System.Buffers.SearchValues<char> s_shellOperators = System.Buffers.SearchValues.Create("`$;><|&");

    public override string Name => "scp";

    public override string Summary => "Transfer files from/to remote servers using scp through the bastion";

    public override IReadOnlyList<PluginOption> Options => [Text("scp-cmd"), Text("proxy-jump")];

    public override PluginTraits Traits => PluginTraits.MfaToken;

    public override string Usage => WrapperScripts.ScpUsage;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Options.String("proxy-jump") is { Length: > 0 })
        {
            return Fail("ERR_UNSUPPORTED_FEATURE", "Proxy jumps are not supported by this bastion");
        }

        if (string.IsNullOrEmpty(call.Invocation.Host))
        {
            return await WrapperScripts.HandOutAsync(call, this, WrapperScripts.Scp, cancellationToken);
        }

        var command = Decode(call.Options.String("scp-cmd") ?? "");
        var direction = ScpCommand().Match(command);
        if (!direction.Success)
        {
            return Fail("ERR_SECURITY_VIOLATION", "scp command format unrecognized");
        }

        // The remote command runs in the target's shell: no substitution, chaining or redirection may ride along
        // (CVE-2020-15778).
        if (command.AsSpan().IndexOfAny(s_shellOperators) >= 0)
        {
            return Fail("ERR_SECURITY_VIOLATION", "Invalid characters detected, bailing out");
        }

        var upload = direction.Groups[1].Value == "t";
        var target = await TargetAsync(call, upload ? ProtocolAccess.ScpUpload : ProtocolAccess.ScpDownload, call.Invocation.Host, call.Invocation.User,
            cancellationToken);
        var result = await TransferAsync(call, target, $"transferring your file through the bastion {(upload ? "to" : "from")}", command, subsystem: false,
            cancellationToken);
        if (result.ExitCode != 0)
        {
            return Fail("ERR_TRANSFER_FAILED", $"Error launching transfer: the remote scp exited with status {result.ExitCode}",
                new JsonObject { ["sysret"] = result.ExitCode });
        }

        await call.Terminal.WriteErrorLineAsync(">>> Done, scp exited successfully.", cancellationToken);
        return Ok();
    }

    /// <summary>Undoes the helpers' encoding: a lone <c>#</c> is a space, <c>##</c> is <c>#</c>.</summary>
    public static string Decode(string encoded) => LoneHash().Replace(encoded ?? "", " ").Replace("##", "#", StringComparison.Ordinal);

    [GeneratedRegex("(?<!#)#(?!#)", RegexOptions.CultureInvariant)]
    private static partial Regex LoneHash();

    // scp's own server mode: "-t" receives (an upload), "-f" sends (a download).
    [GeneratedRegex("^scp .*-([tf]) .+$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ScpCommand();
}
