namespace Rampart.Bastion.Osh;

/// <summary>
/// What an account asked for in its command string, once <see cref="OshCommandLine.Parse(string?)"/> has checked
/// everything that needs no configuration and no network. Three shapes:
/// <list type="bullet">
/// <item>a plugin: <see cref="Plugin"/> set (legacy names already translated), <see cref="PluginArguments"/> are
/// the plugin's own options, <see cref="Host"/>/<see cref="User"/>/<see cref="Port"/> come from
/// <c>--host/-h</c>, <c>--user/-u/-l</c>, <c>--port/-p</c>;</item>
/// <item>an egress session: <see cref="Plugin"/> null and <see cref="Host"/> set;</item>
/// <item>an early stop the caller acts on: <see cref="Help"/> (without a plugin), <see cref="LongHelp"/>,
/// <see cref="Interactive"/>, or <see cref="CommandStringMissing"/>; the other properties are then partly
/// filled and target checks were not made.</item>
/// </list>
/// Left to the caller, in the reference's order: <c>--bind</c> (before the port check there), <c>--proactive-mfa</c>,
/// <see cref="OshCommandLine.CheckInteractive"/>, resolving the proxy jump and the host (102, 132, 133, and an invalid
/// subnet prefix, 128), the <c>ssh-password-…</c>/<c>telnet-password-…</c> remote users, MFA, <c>--ssh-as</c>, and
/// refusing options Rampart does not support (every option is kept here so it can be refused by name).
/// </summary>
public sealed record OshInvocation : OshInvocationResult
{
    /// <summary>The shell was started without <c>-c</c> (a plain <c>ssh acct@gw</c>): interactive mode if the
    /// configuration makes it the default, else exit 104 <c>KO_UNKNOWN_COMMAND</c> "Missing command".</summary>
    public bool CommandStringMissing { get; init; }

    /// <summary>The string came wrapped by <c>mosh-server</c> (exit 116 <c>KO_MOSH_DISABLED</c> if mosh is off).</summary>
    public bool Mosh { get; init; }

    /// <summary><c>--osh NAME</c>, legacy names translated; a lone <c>-osh</c>/<c>--osh</c> word means <c>help</c>.</summary>
    public string? Plugin { get; init; }

    /// <summary>
    /// The words the shell did not consume, in order. For a plugin: its argument list, i.e. the words left over
    /// before <c> -- </c> followed by the text after it split on single spaces (this is what the reference hands to
    /// the plugin). For an egress session: the words after the host word, which make up <see cref="SshCommand"/>.
    /// </summary>
    public IReadOnlyList<string> PluginArguments { get; init; } = [];

    /// <summary>The target host as typed (IPv6 may be bracketed; a subnet is only possible for plugins).</summary>
    public string? Host { get; init; }

    /// <summary>The remote user, from <c>-u/-l/--user</c> or from a <c>user@host</c> word (the word wins).</summary>
    public string? User { get; init; }

    /// <summary><c>-p/--port</c>, 1–65535; a value that is not an integer is not an option at all (it stays in
    /// <see cref="PluginArguments"/>, so <c>--port '*'</c> reaches a plugin as its <c>--port-any</c>).</summary>
    public int? Port { get; init; }

    /// <summary>The text after the first <c> -- </c>, verbatim (no escaping applied); null without a separator.</summary>
    public string? RemoteCommand { get; init; }

    /// <summary>
    /// The remote command the reference would run for an egress session: the leftover words after the host joined
    /// with spaces, the after-<c> -- </c> text included (split on spaces, trailing spaces dropped, <c>'</c>
    /// escaped when escaping applies). Null when nothing follows the host, and for plugins.
    /// </summary>
    public string? SshCommand { get; init; }

    public OshOutputMode Mode { get; init; }

    /// <summary><c>-q/--quiet</c>: no banners, headers, footers nor colours.</summary>
    public bool Quiet { get; init; }

    /// <summary><c>-t</c> gives true, <c>-T</c> false, neither null (both is an error).</summary>
    public bool? Tty { get; init; }

    /// <summary><c>-i/--interactive</c> (ignored inside an interactive session).</summary>
    public bool Interactive { get; init; }

    /// <summary>The line was typed in the interactive mode (The Bastion's <c>OSH_IN_INTERACTIVE_SESSION</c>).</summary>
    public bool InInteractiveSession { get; init; }

    /// <summary><c>--help</c>: the shell's help without a plugin, the plugin's help with one.</summary>
    public bool Help { get; init; }

    /// <summary><c>--long-help</c>; <see cref="Help"/> without a plugin is answered first when both are given.</summary>
    public bool LongHelp { get; init; }

    /// <summary>How many times <c>--verbose</c> was given.</summary>
    public int Verbose { get; init; }

    /// <summary><c>--timeout N</c> (clamped into an int; Perl takes any size).</summary>
    public int? Timeout { get; init; }

    /// <summary><c>-e/--telnet</c>.</summary>
    public bool Telnet { get; init; }

    /// <summary><c>--password GROUP</c>: autologin with that group's egress password.</summary>
    public string? PasswordGroup { get; init; }

    /// <summary><c>-P/--self-password</c>: autologin with the account's own egress password.</summary>
    public bool SelfPassword { get; init; }

    /// <summary><c>--bind IP</c>, to check against the bastion's own addresses (115 <c>KO_INVALID_BIND</c>).</summary>
    public string? Bind { get; init; }

    public bool Debug { get; init; }

    /// <summary><c>--always-escape</c>, seen as a word of its own in the raw options text.</summary>
    public bool AlwaysEscape { get; init; }

    /// <summary><c>--never-escape</c>, seen as a word of its own in the raw options text.</summary>
    public bool NeverEscape { get; init; }

    public bool Netconf { get; init; }

    /// <summary><c>--wait</c>: wait for the target port to open.</summary>
    public bool Wait { get; init; }

    /// <summary><c>-x/--forward-agent</c>.</summary>
    public bool ForwardAgent { get; init; }

    /// <summary><c>--ssh-as ACCOUNT</c> (admins only).</summary>
    public string? SshAs { get; init; }

    /// <summary><c>--use-key FINGERPRINT</c>.</summary>
    public string? UseKey { get; init; }

    public bool KbdInteractive { get; init; }

    public bool ProactiveMfa { get; init; }

    public int? FallbackPasswordDelay { get; init; }

    public bool GenerateMfaToken { get; init; }

    public string? MfaToken { get; init; }

    public bool TermPassthrough { get; init; }

    /// <summary><c>-J</c> as typed; <see cref="ProxyJumpTarget"/> holds it split.</summary>
    public string? ProxyJump { get; init; }

    public OshProxyJump? ProxyJumpTarget { get; init; }
}
