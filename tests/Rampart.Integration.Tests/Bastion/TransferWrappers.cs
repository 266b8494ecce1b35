using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>The scp and sftp wrapper scripts as an account installs them.</summary>
internal static class TransferWrappers
{
    /// <summary>Installs the wrapper the plugin hands out, with the command The Bastion's tests use to decode it.</summary>
    public static async Task<string> InstallAsync(BastionGateway gateway, string member, string key, string plugin, TempDirectory work, CancellationToken cancellationToken)
    {
        var answer = await gateway.SshAsync(member, key, $"--json-greppable --osh {plugin}", null, cancellationToken);
        Assert.True(answer.Code == "OK", answer.ToString());
        Assert.Equal("base64-gzip", answer.Json["value"]!["content-encoding"]!.GetValue<string>());
        var path = work.Combine(plugin + "-via-bastion");
        var decode = await ProcessRun.RunAsync(ProcessRun.Start("bash", ["-c", "base64 -d | gunzip -c > \"$0\" && chmod +x \"$0\"", path], work.Path),
            answer.Json["value"]!["script"]!.GetValue<string>(), cancellationToken);
        Assert.True(decode.Code == 0, decode.Output);
        return path;
    }
}
