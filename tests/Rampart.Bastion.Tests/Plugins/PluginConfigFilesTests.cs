using Rampart.Bastion.Plugins.Configuration;
using Rampart.Bastion.Tests.Recording;

namespace Rampart.Bastion.Tests.Plugins;

public sealed class PluginConfigFilesTests
{
    [Fact]
    public void NoDirectoryOrNoFileMeansTheDefaults()
    {
        using var directory = new TempDirectory();
        Assert.Equal(PluginConfig.None, new PluginConfigFiles(null).Read("info"));
        Assert.Equal(PluginConfig.None, new PluginConfigFiles(directory.Path).Read("info"));
    }

    [Fact]
    public void AFileOfTheOwnerOnlyIsRead_AndAChangeHoldsAtTheNextRead()
    {
        using var directory = new TempDirectory();
        var files = new PluginConfigFiles(directory.Path);
        var path = Path.Combine(directory.Path, "plugin.scp.conf");
        File.WriteAllText(path, """{ "disabled": true }""");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.True(files.Read("scp").Disabled);

        File.WriteAllText(path, """{ "disabled": false }""");
        Assert.False(files.Read("scp").Disabled);
    }

    [Fact]
    public void AFileOthersMayChange_OrALink_IsRefused()
    {
        using var directory = new TempDirectory();
        var files = new PluginConfigFiles(directory.Path);
        var path = Path.Combine(directory.Path, "plugin.scp.conf");
        File.WriteAllText(path, """{ "disabled": false }""");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.GroupRead);
        Assert.Contains("writable by others", Assert.Throws<PluginConfigException>(() => files.Read("scp")).Message, StringComparison.Ordinal);

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(Path.Combine(directory.Path, "plugin.sftp.conf"), path);
        Assert.Contains("not a regular file", Assert.Throws<PluginConfigException>(() => files.Read("sftp")).Message, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(directory.Path, "plugin.rsync.conf"));
        Assert.Throws<PluginConfigException>(() => files.Read("rsync"));
    }

    [Fact]
    public void ABrokenFileNamesItselfInTheError()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "plugin.info.conf");
        File.WriteAllText(path, "{ nope");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.StartsWith(path + ": not valid JSON", Assert.Throws<PluginConfigException>(() => new PluginConfigFiles(directory.Path).Read("info")).Message,
            StringComparison.Ordinal);
    }
}
