namespace Rampart.Bastion.Plugins;

/// <summary>Who may run a plugin, as The Bastion's plugin folders say (§1.3 of the reference).</summary>
public enum PluginCategory
{
    /// <summary>Any account.</summary>
    Open,

    /// <summary>Accounts granted this very plugin (<c>accountGrantCommand</c>).</summary>
    Restricted,

    /// <summary>Gatekeepers of at least one group; the group itself is checked by the plugin.</summary>
    GroupGatekeeper,

    /// <summary>Aclkeepers of at least one group.</summary>
    GroupAclkeeper,

    /// <summary>Owners of at least one group.</summary>
    GroupOwner,

    /// <summary>Bastion admins.</summary>
    Admin,
}
