using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins;

/// <summary>Every plugin the bastion knows, by name, and the category check that comes before any plugin runs.</summary>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, IOshPlugin> _plugins;

    public PluginRegistry(IEnumerable<IOshPlugin> plugins)
    {
        _plugins = plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IEnumerable<IOshPlugin> All => _plugins.Values.OrderBy(p => p.Category).ThenBy(p => p.Name, StringComparer.Ordinal);

    public IOshPlugin? Find(string name) => _plugins.GetValueOrDefault(name);

    /// <summary>Null when <paramref name="account"/> may run <paramref name="plugin"/>, else The Bastion's refusal text.</summary>
    public static string? Refusal(IOshPlugin plugin, BastionAccount account, BastionSnapshot snapshot) => plugin.Category switch
    {
        PluginCategory.Open => null,
        PluginCategory.Restricted => account.HasGrant(plugin.Name)
            ? null
            : "Sorry, this command is restricted and requires you to be specifically granted",
        PluginCategory.GroupGatekeeper => RoleRefusal(account, snapshot, GroupRole.Gatekeeper, "gatekeeper"),
        PluginCategory.GroupAclkeeper => RoleRefusal(account, snapshot, GroupRole.Aclkeeper, "aclkeeper"),
        PluginCategory.GroupOwner => RoleRefusal(account, snapshot, GroupRole.Owner, "owner"),
        PluginCategory.Admin => account.IsAdmin ? null : "Sorry, this command is only available to bastion admins",
        _ => "Sorry, this command is not available",
    };

    private static string? RoleRefusal(BastionAccount account, BastionSnapshot snapshot, GroupRole role, string roleName) =>
        account.IsSuperOwner || account.IsAdmin || snapshot.HoldsAnywhere(account.Name, role)
            ? null
            : $"Sorry, you must be a group {roleName} to use this command";
}
