namespace Rampart.Core.Bastion.Model;

/// <summary>The roles an account can hold in a group; they are cumulative and independent, as in The Bastion.</summary>
public enum GroupRole
{
    Owner,
    Gatekeeper,
    Aclkeeper,
    Member,
    Guest,
}
