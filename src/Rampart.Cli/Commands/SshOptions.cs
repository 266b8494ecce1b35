namespace Rampart.Cli.Commands;

/// <summary>The options of <c>connection add</c> that build an ssh store instead of <c>--data</c>.</summary>
internal sealed record SshOptions(string? Type, string? Host, int? Port, string? User, string? IdentityRef, string? Gateway)
{
    public bool Any => Type is not null || Host is not null || Port is not null || User is not null || IdentityRef is not null || Gateway is not null;
}
