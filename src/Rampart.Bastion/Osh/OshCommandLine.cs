using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Rampart.Bastion.Osh;

/// <summary>
/// Reads the string an account sends (<c>ssh acct@gw -- STRING</c>, which sshd hands to the login shell as
/// <c>-c STRING</c>) the way the reference's <c>osh.pl</c> does, in its order:
/// <list type="number">
/// <item>A <c>mosh-server … '--' REST</c> wrapper is removed (REST up to the first newline, unescaped of its
/// quotes); any other string starting with <c>mosh-server </c> counts as empty.</item>
/// <item>The string is cut at the first <c> -- </c> (spaces on both sides, no newline in either part except one
/// final newline, which is dropped): the options before, the remote command after.</item>
/// <item>The options part is split into words (<see cref="ShellWords"/>) and read with the shell's option list:
/// case-sensitive, no abbreviations, <c>--</c>, <c>-</c> or <c>+</c> as starter, <c>name=value</c> accepted, and
/// everything unknown or unusable passed through untouched — including <c>-p abc</c> or <c>--port '*'</c> (both
/// words stay), <c>--osh</c> with no word after it, or a flag given <c>=value</c>.</item>
/// <item>If there was a remote command and it is not "0", it is split on single spaces (trailing empty fields
/// dropped) and appended to the leftover words.</item>
/// <item>From here on refusals know the JSON mode (<c>--json-pretty</c> &gt; <c>--json-greppable</c> &gt;
/// <c>--json</c>). <c>--help</c> without a plugin and <c>--long-help</c> stop here (exit 0 for the caller).
/// Then: port outside 1–65535 → 134 <c>KO_INVALID_PORT</c>; <c>--generate-mfa-token</c> with <c>--mfa-token</c> →
/// 115 <c>KO_CONFLICTING_OPTIONS</c>; <c>-t</c> with <c>-T</c> → 115 <c>KO_TTY_NOTTY</c>; <c>-i</c> stops
/// here.</item>
/// <item>Without a plugin, the first leftover word is the target: a lone <c>-osh</c>/<c>--osh</c> means plugin
/// <c>help</c>; <c>user@host</c> splits at the last <c>@</c>; no word and no <c>-h</c> → 112 <c>KO_NO_HOST</c>.
/// There is no <c>host:port</c> form: <c>[::1]:22</c> is an invalid host name, as in the reference.</item>
/// <item><c>-J</c> must be <c>[user@]host[:port]</c> (135 <c>KO_INVALID_PROXYJUMP</c>; a bad port there is 127
/// <c>KO_INVALID_PROXY_USER</c>, as the reference maps it); the user must match <c>[@!:a-zA-Z0-9._-]{1,128}</c>
/// (plus <c>*?</c> for plugins) → 127 <c>KO_INVALID_REMOTE_USER</c>; the host must match
/// <c>^\[?[a-zA-Z0-9._/:-]+\]?$</c> → 128 <c>KO_INVALID_REMOTE_HOST</c>, may be a subnet only for a plugin (128),
/// and may not start with <c>--</c> (an unknown option taken for a host → 111 <c>KO_GETOPTS_FAILED</c>).</item>
/// </list>
/// Perl truth applies where the reference tests a value: <c>--osh 0</c>, <c>-h 0</c>, <c>-u 0</c>, <c>-J 0</c> count
/// as not given. Whitespace means ASCII whitespace.
/// </summary>
public static partial class OshCommandLine
{
    private static readonly IReadOnlyList<GetoptSpec> ShellOptions =
    [
        new("port", ["p"], GetoptType.Integer),
        new("verbose", [], GetoptType.Counter),
        new("tty", ["t"], GetoptType.Flag),
        new("no-tty", ["T"], GetoptType.Flag),
        new("user", ["u", "l"], GetoptType.String),
        new("osh", [], GetoptType.String),
        new("telnet", ["e"], GetoptType.Flag),
        new("password", [], GetoptType.String),
        new("self-password", ["P"], GetoptType.Flag),
        new("host", ["h"], GetoptType.String),
        new("help", [], GetoptType.Flag),
        new("long-help", [], GetoptType.Flag),
        new("quiet", ["q"], GetoptType.Flag),
        new("timeout", [], GetoptType.Integer),
        new("bind", [], GetoptType.String),
        new("debug", [], GetoptType.Flag),
        new("json", [], GetoptType.Flag),
        new("json-greppable", [], GetoptType.Flag),
        new("json-pretty", [], GetoptType.Flag),
        new("always-escape", [], GetoptType.Flag),
        new("never-escape", [], GetoptType.Flag),
        new("interactive", ["i"], GetoptType.Flag),
        new("netconf", [], GetoptType.Flag),
        new("wait", [], GetoptType.Flag),
        new("forward-agent", ["x"], GetoptType.Flag),
        new("ssh-as", [], GetoptType.String),
        new("use-key", [], GetoptType.String),
        new("kbd-interactive", [], GetoptType.Flag),
        new("proactive-mfa", [], GetoptType.Flag),
        new("fallback-password-delay", [], GetoptType.Integer),
        new("generate-mfa-token", [], GetoptType.Flag),
        new("mfa-token", [], GetoptType.String),
        new("term-passthrough", [], GetoptType.Flag),
        new("J", [], GetoptType.String),
    ];

    public static OshInvocationResult Parse(string? commandString) => Parse(commandString, OshParseSettings.Default);

    public static OshInvocationResult Parse(string? commandString, OshParseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (commandString is null)
        {
            return new OshInvocation { CommandStringMissing = true };
        }

        var (options, mosh) = Unwrap(commandString);
        var before = options;
        string? after = null;
        var alwaysEscape = false;
        var neverEscape = false;
        var split = Separator().Match(options);
        if (split.Success)
        {
            before = split.Groups[1].Value;
            after = split.Groups[2].Value;
            alwaysEscape = AlwaysEscapeWord().IsMatch(before);
            neverEscape = NeverEscapeWord().IsMatch(before);
        }

        var escaped = after is not null && ((settings.RemoteCommandEscapeByDefault && !neverEscape) || alwaysEscape)
            ? after.Replace("'", "\\'", StringComparison.Ordinal)
            : after;

        var parsed = Getopt.Run(ShellOptions, ShellWords.Split(before), GetoptConfig.Shell);
        var leftover = parsed.Remaining;
        if (PerlText.IsTrue(escaped))
        {
            leftover.AddRange(PerlText.SplitOnSpace(escaped!));
        }

        var flag = (string name) => parsed.Flags.GetValueOrDefault(name);
        var text = (string name) => parsed.Strings.GetValueOrDefault(name);
        var mode = flag("json-pretty") ? OshOutputMode.JsonPretty
            : flag("json-greppable") ? OshOutputMode.JsonGreppable
            : flag("json") ? OshOutputMode.Json
            : OshOutputMode.Human;
        var quiet = flag("quiet");
        OshShellError Refuse(int exitCode, string reason, string message) =>
            OshShellError.FromReason(exitCode, reason, message, mode, quiet);

        BigInteger? port = parsed.Numbers.TryGetValue("port", out var p) ? p : null;
        var plugin = text("osh");
        var host = text("host");
        var user = text("user");
        var invocation = new OshInvocation
        {
            Mosh = mosh,
            RemoteCommand = after,
            Mode = mode,
            Quiet = quiet,
            Tty = flag("tty") ? true : flag("no-tty") ? false : null,
            Interactive = flag("interactive") && !settings.InInteractiveSession,
            InInteractiveSession = settings.InInteractiveSession,
            Help = flag("help"),
            LongHelp = flag("long-help"),
            Verbose = parsed.Numbers.TryGetValue("verbose", out var verbose) ? PerlText.Saturate(verbose) : 0,
            Timeout = parsed.Numbers.TryGetValue("timeout", out var timeout) ? PerlText.Saturate(timeout) : null,
            Telnet = flag("telnet"),
            PasswordGroup = text("password"),
            SelfPassword = flag("self-password"),
            Bind = text("bind"),
            Debug = flag("debug"),
            AlwaysEscape = alwaysEscape,
            NeverEscape = neverEscape,
            Netconf = flag("netconf"),
            Wait = flag("wait"),
            ForwardAgent = flag("forward-agent"),
            SshAs = text("ssh-as"),
            UseKey = text("use-key"),
            KbdInteractive = flag("kbd-interactive"),
            ProactiveMfa = flag("proactive-mfa"),
            FallbackPasswordDelay = parsed.Numbers.TryGetValue("fallback-password-delay", out var delay)
                ? PerlText.Saturate(delay)
                : null,
            GenerateMfaToken = flag("generate-mfa-token"),
            MfaToken = text("mfa-token"),
            TermPassthrough = flag("term-passthrough"),
            ProxyJump = text("J"),
            Plugin = PerlText.IsTrue(plugin) ? plugin : null,
            PluginArguments = leftover.ToList().AsReadOnly(),
            Host = host,
            User = user,
        };

        if ((invocation.Help && invocation.Plugin is null) || invocation.LongHelp)
        {
            return invocation;
        }

        if (port is { } givenPort)
        {
            if (givenPort < 1 || givenPort > 65535)
            {
                return Refuse(OshExitCode.InvalidPort, "invalid_port",
                    $"Invalid port specified ({PerlText.NumberText(givenPort)})");
            }

            invocation = invocation with { Port = (int)givenPort };
        }

        if (invocation.GenerateMfaToken && PerlText.IsTrue(invocation.MfaToken))
        {
            return Refuse(OshExitCode.ConflictingOptions, "conflicting_options",
                "Can't specify both --generate-mfa-token and --mfa-token");
        }

        if (flag("tty") && flag("no-tty"))
        {
            return Refuse(OshExitCode.ConflictingOptions, "tty_notty", "Options -t and -T are mutually exclusive");
        }

        if (invocation.Interactive)
        {
            return invocation;
        }

        string? sshCommand = null;
        if (invocation.Plugin is null)
        {
            if (leftover.Count == 0)
            {
                if (!PerlText.IsTrue(host))
                {
                    return Refuse(OshExitCode.NoHost, "no_host", "No osh command specified and no host to connect to");
                }
            }
            else
            {
                var target = leftover[0];
                leftover.RemoveAt(0);
                if (target is "-osh" or "--osh")
                {
                    plugin = "help";
                    host = "";
                }
                else
                {
                    host = target;
                    var at = UserAtHost().Match(target);
                    if (at.Success)
                    {
                        user = at.Groups[1].Value;
                        host = at.Groups[2].Value;
                    }

                    if (leftover.Count > 0)
                    {
                        sshCommand = string.Join(' ', leftover);
                    }
                }
            }
        }

        var isPlugin = PerlText.IsTrue(plugin);
        invocation = invocation with
        {
            Plugin = isPlugin ? OshLegacyPlugins.Translate(plugin!) : null,
            PluginArguments = leftover.AsReadOnly(),
            Host = host,
            User = user,
            SshCommand = sshCommand,
        };

        if (PerlText.IsTrue(invocation.ProxyJump))
        {
            var jump = ProxyJumpSpec().Match(invocation.ProxyJump!);
            if (!jump.Success)
            {
                return Refuse(OshExitCode.InvalidProxyJump, "invalid_proxyjump",
                    $"Invalid proxyjump specification '{invocation.ProxyJump}', should be [user@]host[:port]");
            }

            int? jumpPort = null;
            var jumpPortText = jump.Groups["port"].Value;
            if (PerlText.IsTrue(jumpPortText))
            {
                if (!ValidPort(jumpPortText, out var number))
                {
                    // The reference maps the port check's generic failure to the proxy user code.
                    return Refuse(OshExitCode.InvalidRemoteUser, "invalid_proxy_user",
                        "Port must be numeric and 0 < port <= 65535");
                }

                jumpPort = number;
            }

            var jumpUser = jump.Groups["user"].Value;
            var jumpHost = jump.Groups["host"].Value;
            if (jumpHost.StartsWith('[') && jumpHost.EndsWith(']'))
            {
                jumpHost = jumpHost[1..^1];
            }

            invocation = invocation with
            {
                ProxyJumpTarget = new OshProxyJump(PerlText.IsTrue(jumpUser) ? jumpUser : null, jumpHost, jumpPort),
            };
        }

        if (PerlText.IsTrue(user) && !IsValidRemoteUser(user!, allowWildcards: isPlugin))
        {
            return Refuse(OshExitCode.InvalidRemoteUser, "invalid_remote_user", $"Remote user name '{user}' seems invalid");
        }

        if (PerlText.IsTrue(host))
        {
            if (!HostName().IsMatch(host!))
            {
                return Refuse(OshExitCode.InvalidRemoteHost, "invalid_remote_host",
                    $"Remote host name '{host}' seems invalid");
            }

            if (host!.Contains('/', StringComparison.Ordinal) && !isPlugin)
            {
                return Refuse(OshExitCode.InvalidRemoteHost, "invalid_remote_host",
                    $"Remote host '{host}' looks like a subnet, can't connect to that");
            }

            if (host.StartsWith("--", StringComparison.Ordinal))
            {
                return Refuse(OshExitCode.GetoptsFailed, "getopts_failed", $"Couldn't parse option '{host}'");
            }
        }

        return invocation;
    }

    /// <summary>
    /// The reference's checks on <c>-i</c>, which need the configuration: 114 <c>KO_INTERACTIVE_DISABLED</c> when
    /// interactive mode is off, else 115 <c>KO_CONFLICTING_OPTIONS</c> when a plugin was asked for too.
    /// </summary>
    public static OshShellError? CheckInteractive(OshInvocation invocation, bool interactiveModeAllowed)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!invocation.Interactive)
        {
            return null;
        }

        if (!interactiveModeAllowed)
        {
            return OshShellError.FromReason(OshExitCode.InteractiveDisabled, "interactive_disabled",
                "Interactive mode has been disabled on this bastion", invocation.Mode, invocation.Quiet);
        }

        return invocation.Plugin is null
            ? null
            : OshShellError.FromReason(OshExitCode.ConflictingOptions, "conflicting_options",
                "Incompatible options specified: --interactive and --osh", invocation.Mode, invocation.Quiet);
    }

    /// <summary>The reference's remote user rule (<c>*</c> and <c>?</c> only for plugins).</summary>
    public static bool IsValidRemoteUser(string user, bool allowWildcards) =>
        (allowWildcards ? WildcardUser() : PlainUser()).IsMatch(user);

    private static (string Options, bool Mosh) Unwrap(string commandString)
    {
        var mosh = MoshWithArguments().Match(commandString);
        if (mosh.Success)
        {
            // mosh quotes every word as if for a POSIX shell: drop the quotes, keep escaped ones.
            var rest = UnescapedQuote().Replace(mosh.Groups[1].Value, "");
            return (rest.Replace("\\'", "'", StringComparison.Ordinal), true);
        }

        return commandString.StartsWith("mosh-server ", StringComparison.Ordinal) ? ("", true) : (commandString, false);
    }

    private static bool ValidPort(string digits, out int port)
    {
        port = 0;
        var value = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (value < 1 || value > 65535)
        {
            return false;
        }

        port = (int)value;
        return true;
    }

    [GeneratedRegex("^mosh-server .+? '--' (.*)", RegexOptions.CultureInvariant)]
    private static partial Regex MoshWithArguments();

    [GeneratedRegex(@"(?<!\\)'", RegexOptions.CultureInvariant)]
    private static partial Regex UnescapedQuote();

    // Without Singleline, "." stops at newlines and "$" also matches before a final newline, as in Perl.
    [GeneratedRegex("^(.*?) -- (.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex("(^| )--always-escape( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex AlwaysEscapeWord();

    [GeneratedRegex("(^| )--never-escape( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex NeverEscapeWord();

    [GeneratedRegex(@"^([^ \t\n\r\f\v]+)@([^ \t\n\r\f\v]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex UserAtHost();

    [GeneratedRegex(@"^(?:(?<user>[a-zA-Z0-9._@!-]{1,128})@)?(?<host>\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9._-]+)(?::(?<port>[0-9]+))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ProxyJumpSpec();

    [GeneratedRegex(@"^[@!:a-zA-Z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainUser();

    [GeneratedRegex(@"^[@!:?*a-zA-Z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex WildcardUser();

    [GeneratedRegex(@"^\[?[a-zA-Z0-9._/:-]+\]?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
