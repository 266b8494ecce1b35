namespace Rampart.Core.Inventory.Types;

/// <summary>
/// <c>ssh</c>: a host reached with the OpenSSH client. Shape as XPipe's: <c>host</c>, <c>port</c>,
/// <c>identity</c> (none, <c>ref</c> to an identity entry, or <c>inPlace</c>), <c>gateway</c>/<c>proxy</c> to
/// another shell connection, <c>additionalOptions</c>. Rampart also accepts a plain <c>user</c>.
/// </summary>
public sealed class SshType : ConnectionType
{
    public override string Id => "ssh";

    public override string? UsageCategory => Types.UsageCategory.Shell;

    public override bool IsShell => true;

    public override void Validate(StoreFields fields)
    {
        fields.RequireCommandWord("host");
        fields.OptionalPort("port");
        fields.OptionalCommandWord("user");
        fields.OptionalReference("gateway", t => t.IsShell, "a shell connection");
        fields.OptionalReference("proxy", t => t.IsShell, "a shell connection");
        fields.OptionalBool("dontInteractWithSystem");
        fields.OptionalBool("forwardX11");
        fields.OptionalBool("jumpServer");
        IdentityField.Validate(fields, "identity");
        SshOptions.Validate(fields, "additionalOptions");
    }
}
