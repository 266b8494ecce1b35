namespace Rampart.Bastion.Plugins.Configuration;

/// <summary>A plugin's configuration file exists but cannot be trusted or read; the plugin is refused until it is fixed.</summary>
public sealed class PluginConfigException(string message) : Exception(message)
{
    public PluginConfigException()
        : this("The plugin's configuration is invalid")
    {
    }

    public PluginConfigException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}
