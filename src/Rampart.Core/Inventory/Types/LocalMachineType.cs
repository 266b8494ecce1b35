namespace Rampart.Core.Inventory.Types;

/// <summary><c>local</c>: the machine the daemon runs on. Exactly one entry exists, with XPipe's fixed id.</summary>
public sealed class LocalMachineType : ConnectionType
{
    public override string Id => "local";

    public override string? UsageCategory => Types.UsageCategory.Shell;

    public override bool IsShell => true;
}
