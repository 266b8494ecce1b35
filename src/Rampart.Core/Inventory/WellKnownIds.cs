namespace Rampart.Core.Inventory;

/// <summary>XPipe's fixed ids, which clients hard-code; Rampart keeps them identical.</summary>
public static class WellKnownIds
{
    public static readonly Guid LocalMachine = new("f0ec68aa-63f5-405c-b178-9a4454556d6b");
    public static readonly Guid AllConnections = new("bfb0b51a-e7a3-4ce4-8878-8d4cb5828d6c");
    public static readonly Guid DefaultCategory = new("97458c07-75c0-4f9d-a06e-92d8cdf67c40");
    public static readonly Guid AllScripts = new("19024cf9-d192-41a9-88a6-a22694cf716a");
    public static readonly Guid CustomScripts = new("d3496db5-b709-41f9-abc0-ee0a660fbab9");
    public static readonly Guid ScriptSources = new("4b766928-372b-4ac4-9d10-260ce65288cd");
    public static readonly Guid AllIdentities = new("23a5565d-b343-4ab2-abf4-48a5d12dda22");
    public static readonly Guid LocalIdentities = new("e784de4e-abea-4cb8-a839-fc557cd23097");
}
