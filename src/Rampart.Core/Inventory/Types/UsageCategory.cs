namespace Rampart.Core.Inventory.Types;

/// <summary>XPipe's <c>usageCategory</c> values, as written on the wire.</summary>
public static class UsageCategory
{
    public const string Shell = "shell";
    public const string Tunnel = "tunnel";
    public const string Script = "script";
    public const string Command = "command";
    public const string Desktop = "desktop";
    public const string Group = "group";
    public const string Identity = "identity";
}
