namespace Rampart.Core.Inventory.Types;

/// <summary>
/// <c>sshConfig</c>: an OpenSSH config file on a host (normally the local machine), the group under which its
/// <c>sshConfigHost</c> entries are shown, as XPipe's "SSH user config".
/// </summary>
public sealed class SshConfigType : ConnectionType
{
    public override string Id => "sshConfig";

    public override string? UsageCategory => Types.UsageCategory.Group;

    public override string? DisplayParentField => "host";

    public override void Validate(StoreFields fields)
    {
        fields.OptionalReference("host", t => t.IsShell, "a shell connection");
        fields.RequireString("file");
    }
}
