namespace Rampart.Core.Inventory.Types;

/// <summary>
/// A type Rampart does not understand (one of XPipe's many others): stored and returned as given,
/// not validated, never usable for shells.
/// </summary>
public sealed class UnknownConnectionType(string id) : ConnectionType
{
    /// <summary>Usage categories of XPipe types Rampart stores without using them, so info answers like XPipe.</summary>
    private static readonly Dictionary<string, string> s_usage = new(StringComparer.Ordinal)
    {
        ["script"] = Types.UsageCategory.Script,
        ["scriptCollectionSource"] = Types.UsageCategory.Group,
        ["fixedService"] = Types.UsageCategory.Tunnel,
        ["mappedService"] = Types.UsageCategory.Tunnel,
        ["sshLocalTunnel"] = Types.UsageCategory.Tunnel,
        ["sshRemoteTunnel"] = Types.UsageCategory.Tunnel,
        ["sshDynamicTunnel"] = Types.UsageCategory.Tunnel,
        ["syncedIdentity"] = Types.UsageCategory.Identity,
        ["multiIdentity"] = Types.UsageCategory.Identity,
        ["passwordManagerIdentity"] = Types.UsageCategory.Identity,
        ["desktopApplication"] = Types.UsageCategory.Desktop,
        ["rdpFile"] = Types.UsageCategory.Desktop,
        ["rdpSimple"] = Types.UsageCategory.Desktop,
        ["vnc"] = Types.UsageCategory.Desktop,
    };

    public override string Id => id;

    public override string? UsageCategory => s_usage.GetValueOrDefault(id);

    public override bool IsIdentity => UsageCategory == Types.UsageCategory.Identity;

    public override Guid DefaultCategory => id switch
    {
        "script" => WellKnownIds.CustomScripts,
        "scriptCollectionSource" => WellKnownIds.ScriptSources,
        _ when IsIdentity => WellKnownIds.LocalIdentities,
        _ => WellKnownIds.DefaultCategory,
    };
}
