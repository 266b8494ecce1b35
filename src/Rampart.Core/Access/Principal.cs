namespace Rampart.Core.Access;

/// <summary>Who is calling the API: the machine's owner (local auth file) or the holder of a named API key.</summary>
/// <param name="DisplayName">The audit trail's actor: <c>local</c>, <c>apikey:NAME</c> or <c>apikey:NAME(bastion:ACCOUNT)</c>.</param>
/// <param name="MayRunOnGateway">Whether it may run commands or touch files on the gateway machine itself.</param>
/// <param name="Bastion">For a key that belongs to a bastion account: that account, whose accesses bound what it reaches.</param>
public sealed record Principal(PrincipalKind Kind, Guid? ApiKeyId, string DisplayName, bool MayRunOnGateway, BastionBinding? Bastion = null)
{
    public static Principal LocalOwner { get; } = new(PrincipalKind.LocalOwner, null, "local", true);

    /// <summary>The bastion account this caller acts as, or null when it is not bound to one.</summary>
    public string? BastionAccount => Bastion?.Account;

    public static Principal ForApiKey(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.BastionAccount is { } account
            ? new(PrincipalKind.ApiKey, key.Id, $"apikey:{key.Name}(bastion:{account})", false, new BastionBinding(account, key.Created))
            : new(PrincipalKind.ApiKey, key.Id, "apikey:" + key.Name, key.MayRunOnGateway);
    }
}
