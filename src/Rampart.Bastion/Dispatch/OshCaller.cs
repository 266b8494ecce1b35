using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Dispatch;

/// <summary>Who is on the other end of a bastion session: the account the kernel vouched for, and where sshd saw them come from.</summary>
/// <param name="SshConnection">sshd's <c>SSH_CONNECTION</c>: client ip and port, bastion ip and port.</param>
public sealed record OshCaller(BastionAccount Account, string? SshConnection)
{
    /// <summary>The account passed MFA earlier in this run (<c>--proactive-mfa</c>): just-in-time checks are not asked again.</summary>
    public bool MfaValidated { get; init; }

    public string? SourceIp => Part(0);

    public int? SourcePort => int.TryParse(Part(1), out var port) ? port : null;

    public string? BastionIp => Part(2);

    public int? BastionPort => int.TryParse(Part(3), out var port) ? port : null;

    private string? Part(int index)
    {
        var parts = SshConnection?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is not null && parts.Length > index ? parts[index] : null;
    }
}
