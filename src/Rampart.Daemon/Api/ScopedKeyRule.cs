namespace Rampart.Daemon.Api;

/// <summary>How one endpoint treats an API key that belongs to a bastion account (see <see cref="ScopedKeyRules"/>).</summary>
public enum ScopedKeyRule
{
    /// <summary>Touches no connection and shows no host: answered as for anyone.</summary>
    Open,

    /// <summary>Answers only with the connections the account may reach (the others do not exist for it).</summary>
    Filtered,

    /// <summary>Every connection the request names is checked with <see cref="ConnectionScope"/>; one refused is 403.</summary>
    EachConnection,

    /// <summary>Only the fleet jobs the same key started.</summary>
    OwnJobs,

    /// <summary>Changes the inventory or handles its secrets: 403. Such keys use the inventory, they do not edit it.</summary>
    InventoryEdit,

    /// <summary>For the machine's owner (local auth file) only: 403.</summary>
    OwnerOnly,
}
