namespace Rampart.Core.Inventory.Types;

/// <summary>
/// <c>shellEnvironment</c>: a nested shell (<c>shell</c>, <c>commands</c> run first, <c>elevated</c>) inside the shell of
/// its <c>host</c> connection, under which it is shown.
/// </summary>
public sealed class ShellEnvironmentType : ConnectionType
{
    private static readonly HashSet<string> s_shells = new(StringComparer.Ordinal)
    {
        "sh", "bash", "dash", "zsh", "fish", "ash", "ksh", "csh", "tcsh", "pwsh", "powershell", "cmd", "nushell", "xonsh",
    };

    public override string Id => "shellEnvironment";

    public override string? UsageCategory => Types.UsageCategory.Shell;

    public override bool IsShell => true;

    public override string? DisplayParentField => "host";

    public override void Validate(StoreFields fields)
    {
        fields.RequireReference("host", t => t.IsShell, "a shell connection");
        if (fields.OptionalString("shell") is { } shell && !s_shells.Contains(shell))
        {
            throw fields.Invalid("shell", $"names an unknown shell \"{shell}\" (known: {string.Join(", ", s_shells)})");
        }

        fields.OptionalString("commands");
        fields.OptionalBool("elevated");
        fields.OptionalCommandWord("user");
    }
}
