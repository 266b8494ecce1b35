namespace Rampart.Core.Inventory.Types;

/// <summary>The registry of store types: the ones Rampart understands, and a stand-in for every other.</summary>
public static class ConnectionTypes
{
    public static readonly LocalMachineType Local = new();
    public static readonly CustomServiceGroupType CustomServiceGroup = new();
    public static readonly SshType Ssh = new();

    private static readonly Dictionary<string, ConnectionType> s_known = new ConnectionType[]
    {
        Local, Ssh, new SshConfigType(), new SshConfigHostType(), new ShellEnvironmentType(),
        new LocalIdentityType(), new CustomServiceType(), CustomServiceGroup,
    }.ToDictionary(t => t.Id, StringComparer.Ordinal);

    public static ConnectionType Get(string id) =>
        s_known.TryGetValue(id, out var type) ? type : new UnknownConnectionType(id);
}
