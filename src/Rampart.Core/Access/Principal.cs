namespace Rampart.Core.Access;

/// <summary>Who is calling the API: the machine's owner (local auth file) or the holder of a named API key.</summary>
/// <param name="MayRunOnGateway">Whether it may run commands or touch files on the gateway machine itself.</param>
public sealed record Principal(PrincipalKind Kind, Guid? ApiKeyId, string DisplayName, bool MayRunOnGateway)
{
    public static Principal LocalOwner { get; } = new(PrincipalKind.LocalOwner, null, "local", true);

    public static Principal ForApiKey(ApiKey key) => new(PrincipalKind.ApiKey, key.Id, "apikey:" + key.Name, key.MayRunOnGateway);
}
