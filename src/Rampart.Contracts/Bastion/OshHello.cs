namespace Rampart.Contracts.Bastion;

/// <summary>
/// What the entry program tells the daemon when it starts. Field names are the JSON names on the wire.
/// </summary>
/// <param name="Command">The string sshd passed with <c>-c</c> (everything after <c>--</c> on the client), or null for a bare login.</param>
/// <param name="Tty">Whether the entry program's stdin is a terminal (the client asked for a pty).</param>
/// <param name="Term">The client's <c>TERM</c>, if any.</param>
/// <param name="Rows">Terminal rows, 0 when unknown.</param>
/// <param name="Columns">Terminal columns, 0 when unknown.</param>
/// <param name="SshConnection">sshd's <c>SSH_CONNECTION</c>: client address and port, server address and port.</param>
/// <param name="Locale">The client's <c>LANG</c> and <c>LC_*</c> as sshd accepted them (<c>AcceptEnv</c>), passed on to
/// egress servers as The Bastion does; null from entry programs older than this field.</param>
public sealed record OshHello(
    string? Command, bool Tty, string? Term, int Rows, int Columns, string? SshConnection, IReadOnlyDictionary<string, string>? Locale = null)
{
    public const int Version = 1;
}
