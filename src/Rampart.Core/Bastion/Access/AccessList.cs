namespace Rampart.Core.Bastion.Access;

/// <summary>One block of an account's accesses as <c>selfListAccesses</c> shows it: where they come from, and the entries.</summary>
public sealed record AccessList(string Type, string? Group, IReadOnlyList<AclEntry> Entries);
