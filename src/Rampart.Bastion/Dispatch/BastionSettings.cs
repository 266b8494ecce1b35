namespace Rampart.Bastion.Dispatch;

/// <summary>Bastion-wide settings (The Bastion's <c>bastion.conf</c>), fixed when the daemon starts.</summary>
/// <param name="Name">Shown in <c>info</c> and in egress key comments.</param>
/// <param name="EntryProgram">The login shell given to every account's OS user.</param>
/// <param name="OsGroup">The OS group every account's user joins; the bastion socket is open to it.</param>
/// <param name="StateDirectory">The daemon's private bastion directory (0700): recordings and known hosts, out of every account's reach.</param>
/// <param name="EgressKeysFrom">The addresses egress connections leave from: the <c>from="…"</c> of every egress public key
/// shown, so that a key installed on a server works from the bastion only. Empty: no <c>from</c>.</param>
/// <param name="RecordingMaxBytes">The most output one egress session may produce: its recording holds it all, and the
/// session is closed when it would pass it (asciicast can take up to 6 bytes on disk per byte of binary output).</param>
/// <param name="IngressKeysFrom">Where accounts may log in from, whatever their keys say unless overriding is allowed.</param>
/// <param name="IngressKeysFromAllowOverride">A key's own <c>from="…"</c> wins over <paramref name="IngressKeysFrom"/>.</param>
/// <param name="BastionCommand">How accounts reach the bastion, with <c>ACCOUNT</c>/<c>USER</c>, <c>HOSTNAME</c> and
/// <c>BASTIONNAME</c>/<c>CACHENAME</c> placeholders (The Bastion's <c>bastionCommand</c>).</param>
/// <param name="InteractiveModeAllowed">Whether <c>-i</c> opens the interactive mode (The Bastion's <c>interactiveModeAllowed</c>).</param>
/// <param name="InteractiveModeByDefault">Whether a login without a command enters it (<c>interactiveModeByDefault</c>).</param>
/// <param name="InteractiveModeTimeout">Idle time after which it disconnects; zero for never (<c>interactiveModeTimeout</c>).</param>
/// <param name="AccountMaxInactiveDays">Days without a login after which an account's logins are refused; 0 for never
/// (The Bastion's <c>accountMaxInactiveDays</c>); an account may have its own.</param>
/// <param name="AccountMfaPolicy">The bastion-wide MFA policy (The Bastion's <c>accountMFAPolicy</c>).</param>
/// <param name="Idle">The bastion-wide idle lock and kill timeouts of egress sessions, and their warnings; groups may override them.</param>
public sealed record BastionSettings(
    string Name,
    string EntryProgram,
    string OsGroup,
    string StateDirectory,
    int UidMin = 2000,
    int UidMax = 99999,
    string EgressKeyAlgorithm = "ecdsa",
    int EgressKeySize = 521,
    string? DefaultLogin = null,
    IReadOnlyList<string>? EgressKeysFrom = null,
    long RecordingMaxBytes = BastionSettings.DefaultRecordingMaxBytes,
    IReadOnlyList<string>? IngressKeysFrom = null,
    bool IngressKeysFromAllowOverride = false,
    string BastionCommand = "ssh ACCOUNT@HOSTNAME -t --",
    bool InteractiveModeAllowed = true,
    bool InteractiveModeByDefault = true,
    TimeSpan InteractiveModeTimeout = default,
    int AccountMaxInactiveDays = 0,
    Core.Bastion.Mfa.MfaPolicy AccountMfaPolicy = Core.Bastion.Mfa.MfaPolicy.Enabled,
    Core.Bastion.Idle.IdleTimeouts? Idle = null)
{
    /// <summary>The bastion-wide idle timeouts; none unless configured.</summary>
    public Core.Bastion.Idle.IdleTimeouts IdleTimeouts => Idle ?? Core.Bastion.Idle.IdleTimeouts.None;

    /// <summary>The command an account types to reach this bastion, placeholders filled in (in one pass, so a name
    /// that happens to contain a placeholder stays as it is).</summary>
    public string CommandFor(string account) => System.Text.RegularExpressions.Regex.Replace(
        BastionCommand, "ACCOUNT|USER|HOSTNAME|BASTIONNAME|CACHENAME", match => match.Value switch
        {
            "ACCOUNT" or "USER" => account,
            "HOSTNAME" => Environment.MachineName,
            _ => Name,
        }, System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>1 GiB of session output.</summary>
    public const long DefaultRecordingMaxBytes = 1L << 30;

    public const string DefaultOsGroup = "rampart-users";

    public string RecordingsDirectory => Path.Combine(StateDirectory, "recordings");

    /// <summary>The authorized_keys options egress public keys are shown with; null when no address is known.</summary>
    public string? EgressKeyPrefix => EgressKeysFrom is { Count: > 0 } from ? $"from=\"{string.Join(',', from)}\"" : null;

    /// <summary>
    /// The addresses an ingress key may log in from, as The Bastion decides them: the bastion-wide list, unless it is
    /// empty or overriding is allowed and the key has its own. Without a bastion-wide list a key's own <c>from</c>
    /// still holds (The Bastion drops it unless overriding is allowed; keeping it is the safer reading).
    /// </summary>
    public IReadOnlyList<string> IngressFrom(IReadOnlyList<string> keyFrom) =>
        IngressKeysFrom is not { Count: > 0 } forced || (IngressKeysFromAllowOverride && keyFrom.Count > 0) ? keyFrom : forced;

    public string KnownHostsDirectory => Path.Combine(StateDirectory, "known_hosts");
}
