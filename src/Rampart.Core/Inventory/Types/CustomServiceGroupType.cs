namespace Rampart.Core.Inventory.Types;

/// <summary><c>customServiceGroup</c>: the "Services" group of a host, the display parent of its services.</summary>
public sealed class CustomServiceGroupType : ConnectionType
{
    public override string Id => "customServiceGroup";

    public override string? UsageCategory => Types.UsageCategory.Group;

    public override string? DisplayParentField => "parent";

    public override void Validate(StoreFields fields) =>
        fields.RequireReference("parent", t => t.IsShell, "a shell connection");
}
