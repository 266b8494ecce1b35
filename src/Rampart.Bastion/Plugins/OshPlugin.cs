using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins;

/// <summary>Base of the plugins: the declarations as properties, the handler as one method.</summary>
public abstract class OshPlugin : IOshPlugin
{
    public abstract string Name { get; }

    public abstract PluginCategory Category { get; }

    public abstract string Summary { get; }

    public virtual IReadOnlyList<PluginOption> Options => [];

    public virtual PluginTraits Traits => PluginTraits.None;

    public virtual string? Usage => null;

    public abstract Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken);

    protected OshEnvelope Ok(System.Text.Json.Nodes.JsonNode? value = null, string? message = null) => OshEnvelope.Ok(Name, value, message);

    protected OshEnvelope Fail(string code, string message, System.Text.Json.Nodes.JsonNode? value = null) => OshEnvelope.Fail(Name, code, message, value);

    /// <summary>Nothing to do: the state already is what was asked (add of something present, removal of something absent).</summary>
    protected OshEnvelope NoChange(string message) => new(Name, "OK_NO_CHANGE", message, null);

    /// <summary>A listing with nothing in it.</summary>
    protected OshEnvelope Empty(string message) => new(Name, "OK_EMPTY", message, null);

    protected static PluginOption Text(string name, params string[] aliases) => new(name, OptionKind.String, aliases, false);

    protected static PluginOption Number(string name, params string[] aliases) => new(name, OptionKind.Integer, aliases, false);

    protected static PluginOption Switch(string name, params string[] aliases) => new(name, OptionKind.Flag, aliases, false);

    protected static PluginOption Toggle(string name) => new(name, OptionKind.Flag, [], true);

    protected static PluginOption Many(string name, params string[] aliases) => new(name, OptionKind.StringList, aliases, false);
}
