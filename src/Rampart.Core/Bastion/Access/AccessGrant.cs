namespace Rampart.Core.Bastion.Access;

/// <summary>
/// One reason an account may reach a target: its own ACL (<c>personal</c>), a group it is a member of
/// (<c>group-member</c>) or a guest access in a group (<c>group-guest</c>), with the ACL entry that matched.
/// </summary>
public sealed record AccessGrant(string Type, string? Group, AclEntry Entry)
{
    public const string Personal = "personal";
    public const string GroupMember = "group-member";
    public const string GroupGuest = "group-guest";
}
