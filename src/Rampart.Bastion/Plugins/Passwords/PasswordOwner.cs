namespace Rampart.Bastion.Plugins.Passwords;

/// <summary>Whose egress passwords a plugin works on.</summary>
public enum PasswordOwner
{
    /// <summary>The caller's own (<c>self…</c>).</summary>
    Self,

    /// <summary>Any account's (<c>account…</c>, restricted).</summary>
    Account,

    /// <summary>A group's (<c>group…</c>).</summary>
    Group,
}
