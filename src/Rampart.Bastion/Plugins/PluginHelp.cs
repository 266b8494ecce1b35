using System.Text;

namespace Rampart.Bastion.Plugins;

/// <summary>The <c>--help</c> text of a plugin, built from what it declares.</summary>
public static class PluginHelp
{
    public static string Text(IOshPlugin plugin)
    {
        var text = new StringBuilder();
        text.Append(plugin.Name).Append(": ").Append(plugin.Summary).Append('\n');
        foreach (var option in plugin.Options)
        {
            text.Append("  --").Append(option.Name);
            foreach (var alias in option.Aliases)
            {
                text.Append(", --").Append(alias);
            }

            text.Append('\n');
        }

        if (plugin.Usage is { } usage)
        {
            text.Append('\n').Append(usage.TrimEnd('\n')).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
