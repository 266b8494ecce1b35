namespace Rampart.Core.Inventory.Types;

/// <summary>
/// <c>sshConfigHost</c>: one <c>Host</c> of an OpenSSH config file, connected with <c>ssh -F file alias</c>.
/// <c>host</c> is the alias; the file is <c>file</c>, or that of the <c>config</c> entry it is shown under.
/// </summary>
public sealed class SshConfigHostType : ConnectionType
{
    public override string Id => "sshConfigHost";

    public override string? UsageCategory => Types.UsageCategory.Shell;

    public override bool IsShell => true;

    public override string? DisplayParentField => "config";

    public override void Validate(StoreFields fields)
    {
        fields.RequireCommandWord("host");
        fields.OptionalString("file");
        fields.OptionalReference("config", t => t is SshConfigType, "an sshConfig entry");
    }
}
