namespace Rampart.Core.Inventory.Types;

/// <summary>
/// <c>customService</c>: a TCP service on a host (<c>remotePort</c>, optionally forwarded to <c>localPort</c>).
/// As in XPipe it is shown in a "Services" group under its host, created on demand.
/// </summary>
public sealed class CustomServiceType : ConnectionType
{
    public override string Id => "customService";

    public override string? UsageCategory => Types.UsageCategory.Tunnel;

    public override string? DisplayParentField => "host";

    public override void Validate(StoreFields fields)
    {
        fields.RequireReference("host", t => t.IsShell, "a shell connection");
        fields.RequirePort("remotePort");
        fields.OptionalPort("localPort");
    }
}
