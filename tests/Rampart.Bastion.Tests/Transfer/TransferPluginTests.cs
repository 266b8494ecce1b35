using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Rampart.Bastion.Plugins.Transfer;

namespace Rampart.Bastion.Tests.Transfer;

public sealed class TransferPluginTests
{
    [Theory]
    [InlineData("scp#-t#/tmp/file", "scp -t /tmp/file")]
    [InlineData("scp#-f#my##file", "scp -f my#file")]
    // A run of three or more "#" is ambiguous ("a# b" and "a #b" both encode to "a###b"); The Bastion turns only lone
    // "#" into spaces, then "##" into "#", and so does Rampart, so that its helpers' transfers land where they did.
    [InlineData("scp#-r#-t#a###b", "scp -r -t a##b")]
    [InlineData("scp#-t#####", "scp -t###")]
    [InlineData("", "")]
    public void TheHelpersEncodingIsUndone(string encoded, string command) => Assert.Equal(command, ScpPlugin.Decode(encoded));

    [Fact]
    public void TheWrapperGetsTheBastionCommandAsQuotedWords_WithoutTheInteractiveParts()
    {
        var script = WrapperScripts.Fill(WrapperScripts.Scp, "ssh alice@gw.example.net -p 2222 -o 'Opt=1' -t --", "alice", "gw");
        Assert.Contains("bastion_cmd=('ssh' 'alice@gw.example.net' '-p' '2222' '-o' ''\\''Opt=1'\\''')\n", script, StringComparison.Ordinal);
        Assert.Contains("as alice:", script, StringComparison.Ordinal);
        Assert.DoesNotContain("@BASTION", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scp")]
    [InlineData("sftp")]
    public async Task TheScriptsAreValidBash_AndDecodeWithGunzip(string which)
    {
        var script = WrapperScripts.Fill(which == "scp" ? WrapperScripts.Scp : WrapperScripts.Sftp, "ssh a@gw -t --", "a", "gw");
        using var compressed = new MemoryStream(Convert.FromBase64String(WrapperScripts.Encode(script)));
        using var gunzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gunzip, Encoding.UTF8);
        Assert.Equal(script, await reader.ReadToEndAsync(TestContext.Current.CancellationToken));

        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, script, TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true };
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(path);
            using var bash = Process.Start(start)!;
            var errors = await bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(bash.ExitCode == 0, errors);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
