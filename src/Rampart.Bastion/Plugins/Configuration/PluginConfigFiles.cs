using Rampart.Shell.Unix;

namespace Rampart.Bastion.Plugins.Configuration;

/// <summary>
/// The per-plugin configuration files, <c>plugin.NAME.conf</c> in the directory of <c>bastion.conf</c>, read at each
/// call so an administrator's change holds from the next command on, without a restart. As The Bastion's secure
/// loading, a file is trusted only when it is a regular file (not a link) owned by root (or by the daemon's own user)
/// and writable by its owner alone; anything else is a configuration error and refuses the plugin.
/// </summary>
/// <param name="directory">Where the files are; null when the daemon was given no bastion configuration file.</param>
public sealed class PluginConfigFiles(string? directory)
{
    public string? Directory => directory;

    /// <summary>The plugin's configuration, <see cref="PluginConfig.None"/> without a file.</summary>
    /// <exception cref="PluginConfigException">The file cannot be trusted or read.</exception>
    public PluginConfig Read(string plugin)
    {
        ArgumentException.ThrowIfNullOrEmpty(plugin);
        if (directory is null)
        {
            return PluginConfig.None;
        }

        var path = Path.Combine(directory, $"plugin.{plugin}.conf");
        UnixFileStatus? status;
        try
        {
            status = UnixFiles.Status(path);
        }
        catch (IOException e)
        {
            throw new PluginConfigException($"{path}: {e.Message}");
        }

        if (status is null)
        {
            return PluginConfig.None;
        }

        if (!status.IsRegularFile)
        {
            throw new PluginConfigException($"{path} is not a regular file");
        }

        if (status.Owner != 0 && status.Owner != PeerCredentials.EffectiveUserId())
        {
            throw new PluginConfigException($"{path} is not owned by root");
        }

        if (status.IsWritableByOthers)
        {
            throw new PluginConfigException($"{path} is writable by others than its owner");
        }

        try
        {
            return PluginConfigText.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginConfigException($"{path} cannot be read", e);
        }
        catch (PluginConfigException e)
        {
            throw new PluginConfigException($"{path}: {e.Message}");
        }
    }
}
