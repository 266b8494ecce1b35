namespace Rampart.Core.Inventory;

/// <summary>A node of the category tree. Roots have no parent.</summary>
/// <param name="ConfigJson">The category's configuration object as JSON text (XPipe's keys, nulls kept).</param>
public sealed record Category(
    Guid Id,
    string Name,
    Guid? ParentId,
    string ConfigJson,
    DateTimeOffset Created,
    DateTimeOffset LastUsed,
    DateTimeOffset LastModified)
{
    /// <summary>XPipe's category configuration with every key present and unset.</summary>
    public const string DefaultConfigJson =
        """{"color":null,"dontAllowScripts":null,"confirmAllModifications":null,"sync":null,"freezeConfigurations":null,"defaultIdentityStore":null,"defaultGatewayStore":null}""";
}
