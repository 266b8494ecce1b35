namespace Rampart.Bastion.Plugins;

/// <summary>A plugin stops with a KO_/ERR_ code: thrown from deep helpers, turned into the envelope by the dispatcher.</summary>
public sealed class PluginFailureException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
