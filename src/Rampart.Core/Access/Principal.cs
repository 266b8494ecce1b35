namespace Rampart.Core.Access;

/// <summary>Who is calling the API: the machine's owner (local auth file) or the holder of a named API key.</summary>
public sealed record Principal(PrincipalKind Kind, Guid? ApiKeyId, string DisplayName)
{
    public static Principal LocalOwner { get; } = new(PrincipalKind.LocalOwner, null, "local");

    public static Principal ForApiKey(ApiKey key) => new(PrincipalKind.ApiKey, key.Id, "apikey:" + key.Name);
}
