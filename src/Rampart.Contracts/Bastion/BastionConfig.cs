using System.Globalization;

namespace Rampart.Contracts.Bastion;

/// <summary>
/// The bastion front door's settings, written by <c>rampart bastion install</c> and read by the daemon and by
/// <c>rampart bastion serve</c>: <c>key=value</c> lines, <c>#</c> comments.
/// </summary>
/// <param name="Socket">The Unix socket the entry program connects to.</param>
/// <param name="EntryProgram">The entry program, the login shell of every account.</param>
/// <param name="EgressKeysFrom">The addresses or networks egress connections leave from, put in the <c>from="…"</c> of
/// every egress public key shown (The Bastion's <c>egressKeysFrom</c>); null to detect this host's addresses at start.</param>
/// <param name="RecordingMaxBytes">The most output one egress session may produce before it is closed (its recording
/// holds all of it); null for the daemon's default.</param>
/// <param name="IngressKeysFrom">Where accounts may log in from (The Bastion's <c>ingressKeysFrom</c>): the
/// <c>from="…"</c> every ingress key is used with; empty for no bastion-wide restriction.</param>
/// <param name="IngressKeysFromAllowOverride">Whether a key's own <c>from="…"</c> replaces <paramref name="IngressKeysFrom"/>
/// (The Bastion's <c>ingressKeysFromAllowOverride</c>).</param>
/// <param name="BastionCommand">How accounts reach this bastion (The Bastion's <c>bastionCommand</c>), with the
/// placeholders <c>ACCOUNT</c> (or <c>USER</c>), <c>HOSTNAME</c> and <c>BASTIONNAME</c> (or <c>CACHENAME</c>): shown by
/// <c>info</c> and written into the scp and sftp wrapper scripts; null for <see cref="DefaultBastionCommand"/>.</param>
/// <param name="InteractiveMode">The Bastion's <c>interactiveModeAllowed</c> and <c>interactiveModeByDefault</c>:
/// <c>by-default</c> (a login without a command enters it; The Bastion's default), <c>allowed</c> (only with
/// <c>-i</c>) or <c>disabled</c>.</param>
/// <param name="InteractiveModeTimeout">Seconds of idleness after which the interactive mode disconnects (0: never).</param>
/// <param name="AccountMaxInactiveDays">Days without a login after which an account is refused (The Bastion's
/// <c>accountMaxInactiveDays</c>); 0 for never.</param>
/// <param name="AccountMfaPolicy">The Bastion's <c>accountMFAPolicy</c>: <c>enabled</c> (accounts may set factors up),
/// <c>disabled</c>, <c>password-required</c>, <c>totp-required</c> or <c>any-required</c>.</param>
/// <param name="IdleLockTimeout">Seconds without input after which an egress session on a terminal is locked (The Bastion's
/// <c>idleLockTimeout</c>); 0 for never. Groups may override it.</param>
/// <param name="IdleKillTimeout">Seconds without input after which an egress session is ended (<c>idleKillTimeout</c>); 0 for never.</param>
/// <param name="WarnBeforeLockSeconds">How long before the lock the account is warned (<c>warnBeforeLockSeconds</c>); 0 for no warning.</param>
/// <param name="WarnBeforeKillSeconds">How long before the kill the account is warned (<c>warnBeforeKillSeconds</c>); 0 for no warning.</param>
public sealed record BastionConfig(
    string Name, string Socket, string EntryProgram, string OsGroup, int Port, IReadOnlyList<string>? EgressKeysFrom = null,
    long? RecordingMaxBytes = null, IReadOnlyList<string>? IngressKeysFrom = null, bool IngressKeysFromAllowOverride = false,
    string? BastionCommand = null, string InteractiveMode = "by-default", int InteractiveModeTimeout = 60, int AccountMaxInactiveDays = 0,
    string AccountMfaPolicy = "enabled", int IdleLockTimeout = 0, int IdleKillTimeout = 0, int WarnBeforeLockSeconds = 0, int WarnBeforeKillSeconds = 0)
{
    /// <summary>The values <see cref="InteractiveMode"/> may take.</summary>
    public static readonly IReadOnlyList<string> InteractiveModes = ["by-default", "allowed", "disabled"];

    /// <summary>The values <see cref="AccountMfaPolicy"/> may take.</summary>
    public static readonly IReadOnlyList<string> MfaPolicies = ["enabled", "disabled", "password-required", "totp-required", "any-required"];

    /// <summary>The front door on this host's name and its port, as The Bastion's default <c>ssh USER@HOSTNAME -t --</c>.</summary>
    public string DefaultBastionCommand =>
        Port == 22 ? "ssh ACCOUNT@HOSTNAME -t --" : $"ssh ACCOUNT@HOSTNAME -p {Port.ToString(CultureInfo.InvariantCulture)} -t --";

    /// <summary><see cref="BastionCommand"/> or the default.</summary>
    public string EffectiveBastionCommand => BastionCommand ?? DefaultBastionCommand;

    public const string DefaultPath = "/etc/rampart/bastion/bastion.conf";

    public static BastionConfig Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidOperationException($"{path}: '{line}' is not key=value");
            }

            values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        string Required(string key) => values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{path}: '{key}' is missing");

        var config = new BastionConfig(
            values.GetValueOrDefault("name", "rampart"),
            Required("socket"),
            Required("entry_program"),
            values.GetValueOrDefault("os_group", "rampart-users"),
            int.Parse(values.GetValueOrDefault("port", "2222"), CultureInfo.InvariantCulture),
            values.TryGetValue("egress_keys_from", out var from) && from.Length > 0 ? ParseAddressList(from, path) : null,
            values.TryGetValue("recording_max_bytes", out var max) && max.Length > 0 ? ParseByteCount(max, path) : null,
            values.TryGetValue("ingress_keys_from", out var ingress) && ingress.Length > 0 ? ParseAddressList(ingress, path) : null,
            values.TryGetValue("ingress_keys_from_allow_override", out var allow) && ParseBoolean(allow, path),
            values.TryGetValue("bastion_command", out var command) && command.Length > 0 ? command : null,
            values.TryGetValue("interactive_mode", out var interactive) && interactive.Length > 0 ? ParseInteractiveMode(interactive, path) : "by-default",
            values.TryGetValue("interactive_mode_timeout", out var idle) && idle.Length > 0 ? ParseSeconds(idle, path) : 60,
            values.TryGetValue("account_max_inactive_days", out var days) && days.Length > 0 ? ParseSeconds(days, path) : 0,
            values.TryGetValue("account_mfa_policy", out var mfa) && mfa.Length > 0 ? ParseMfaPolicy(mfa, path) : "enabled",
            Seconds("idle_lock_timeout"), Seconds("idle_kill_timeout"), Seconds("warn_before_lock_seconds"), Seconds("warn_before_kill_seconds"));
        return config.IdleProblem is { } problem ? throw new InvalidOperationException($"{path}: {problem}") : config;

        int Seconds(string key) => values.TryGetValue(key, out var text) && text.Length > 0 ? ParseSeconds(text, path) : 0;
    }

    /// <summary>
    /// What is wrong with the idle settings, or null: a kill before the lock would never show the lock, and a warning
    /// longer than its timeout (or without one) could not come when it says.
    /// </summary>
    public string? IdleProblem => this switch
    {
        _ when IdleLockTimeout < 0 || IdleKillTimeout < 0 || WarnBeforeLockSeconds < 0 || WarnBeforeKillSeconds < 0 =>
            "idle timeouts and warnings are 0 or more seconds",
        _ when IdleLockTimeout > 0 && IdleKillTimeout > 0 && IdleKillTimeout < IdleLockTimeout =>
            "the idle kill timeout cannot be shorter than the idle lock timeout",
        _ when WarnBeforeLockSeconds > 0 && (IdleLockTimeout == 0 || WarnBeforeLockSeconds > IdleLockTimeout) =>
            "the warning before the idle lock needs an idle lock timeout at least as long",
        _ when WarnBeforeKillSeconds > 0 && (IdleKillTimeout == 0 || WarnBeforeKillSeconds > IdleKillTimeout) =>
            "the warning before the idle kill needs an idle kill timeout at least as long",
        _ => null,
    };

    /// <summary>One of <see cref="MfaPolicies"/>.</summary>
    public static string ParseMfaPolicy(string text, string source) => MfaPolicies.Contains(text)
        ? text
        : throw new InvalidOperationException($"{source}: '{text}' is not one of {string.Join(", ", MfaPolicies)}");

    /// <summary>One of <see cref="InteractiveModes"/>.</summary>
    public static string ParseInteractiveMode(string text, string source) => InteractiveModes.Contains(text)
        ? text
        : throw new InvalidOperationException($"{source}: '{text}' is not one of {string.Join(", ", InteractiveModes)}");

    /// <summary>A count (seconds, days), 0 or more.</summary>
    public static int ParseSeconds(string text, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new InvalidOperationException($"{source}: '{text}' is not a whole number, 0 or more");

    private static bool ParseBoolean(string text, string source) => text switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" or "" => false,
        _ => throw new InvalidOperationException($"{source}: '{text}' is not true or false"),
    };

    /// <summary>A positive number of bytes.</summary>
    public static long ParseByteCount(string text, string source) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new InvalidOperationException($"{source}: '{text}' is not a positive number of bytes");

    /// <summary>Comma- or space-separated IP addresses and networks (<c>192.0.2.10, 198.51.100.0/24</c>).</summary>
    public static IReadOnlyList<string> ParseAddressList(string text, string source)
    {
        var entries = text.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var entry in entries)
        {
            if (!System.Net.IPAddress.TryParse(entry, out _) && !System.Net.IPNetwork.TryParse(entry, out _))
            {
                throw new InvalidOperationException($"{source}: '{entry}' is not an IP address or network");
            }
        }

        return entries;
    }

    public string Format() => $"""
        # Rampart bastion front door, written by `rampart bastion install`.
        name={Name}
        socket={Socket}
        entry_program={EntryProgram}
        os_group={OsGroup}
        port={Port.ToString(CultureInfo.InvariantCulture)}
        # Where egress connections come from, in the from="..." of egress public keys; detected at start when absent.
        {(EgressKeysFrom is { Count: > 0 } from ? "egress_keys_from=" + string.Join(',', from) : "#egress_keys_from=192.0.2.10,198.51.100.0/24")}
        # The most output one egress session may produce (it is recorded in full); the session is closed past it.
        {(RecordingMaxBytes is { } max ? "recording_max_bytes=" + max.ToString(CultureInfo.InvariantCulture) : "#recording_max_bytes=1073741824")}
        # Where accounts may log in from: the from="..." of every ingress key; a key's own from="..." replaces it only
        # when overriding is allowed.
        {(IngressKeysFrom is { Count: > 0 } ingress ? "ingress_keys_from=" + string.Join(',', ingress) : "#ingress_keys_from=192.0.2.0/24")}
        ingress_keys_from_allow_override={(IngressKeysFromAllowOverride ? "true" : "false")}
        # How accounts reach this bastion: shown by `--osh info`, written into the scp and sftp wrapper scripts.
        # ACCOUNT, HOSTNAME and BASTIONNAME are replaced.
        {(BastionCommand is { } bastionCommand ? "bastion_command=" + bastionCommand : "#bastion_command=" + DefaultBastionCommand)}
        # A login without a command: by-default (the interactive mode, as The Bastion), allowed (only with -i), disabled.
        interactive_mode={InteractiveMode}
        # Seconds of idleness after which the interactive mode disconnects; 0 for never.
        interactive_mode_timeout={InteractiveModeTimeout.ToString(CultureInfo.InvariantCulture)}
        # Days without a login after which an account's logins are refused (accountUnexpire lets it in again); 0 for never.
        account_max_inactive_days={AccountMaxInactiveDays.ToString(CultureInfo.InvariantCulture)}
        # MFA: enabled (accounts may set a password or TOTP up), disabled, password-required, totp-required, any-required.
        account_mfa_policy={AccountMfaPolicy}
        # Seconds without input after which an egress session on a terminal is locked (unlocked with --osh unlock from
        # another session), and after which any egress session is ended; 0 for never. Groups may override both
        # (groupModify), accounts may be exempt (accountModify --idle-ignore). The warnings come that long before.
        idle_lock_timeout={IdleLockTimeout.ToString(CultureInfo.InvariantCulture)}
        idle_kill_timeout={IdleKillTimeout.ToString(CultureInfo.InvariantCulture)}
        warn_before_lock_seconds={WarnBeforeLockSeconds.ToString(CultureInfo.InvariantCulture)}
        warn_before_kill_seconds={WarnBeforeKillSeconds.ToString(CultureInfo.InvariantCulture)}

        """;
}
