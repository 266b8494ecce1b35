namespace Rampart.Core.Access;

/// <summary>A freshly created key: the record, and the secret that is shown this once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret)
{
    public override string ToString() => $"CreatedApiKey {{ Key = {Key.Name}, Secret = <redacted> }}";
}
