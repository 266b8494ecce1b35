namespace Rampart.Core.Access;

public enum PrincipalKind
{
    /// <summary>Proved access to the local auth file: full access, as the machine's owner.</summary>
    LocalOwner,

    /// <summary>Presented an API key.</summary>
    ApiKey,
}
