using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins;

/// <summary>
/// One <c>--osh</c> command. Each plugin declares its name, category, options and handler in one class; the registry
/// lists them all, and the dispatcher checks the category and parses the options before calling the handler.
/// </summary>
public interface IOshPlugin
{
    string Name { get; }

    PluginCategory Category { get; }

    /// <summary>One line for <c>--osh help</c>.</summary>
    string Summary { get; }

    IReadOnlyList<PluginOption> Options { get; }

    PluginTraits Traits => PluginTraits.None;

    /// <summary>More help for <c>--help</c> after the summary and options (examples); null for none.</summary>
    string? Usage => null;

    Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken);
}
