using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Osh;

// Expected values follow the reference's osh.pl; the tricky ones were checked against Perl's Getopt::Long and
// Text::ParseWords running the reference's option list.
public sealed class OshCommandLineTests
{
    private static OshInvocation Ok(string commandString, OshParseSettings? settings = null) =>
        Assert.IsType<OshInvocation>(OshCommandLine.Parse(commandString, settings ?? OshParseSettings.Default));

    private static OshShellError Refused(string commandString) =>
        Assert.IsType<OshShellError>(OshCommandLine.Parse(commandString));

    // §5.2 scenario 1: nothing but the JSON option.
    [Fact]
    public void Scenario1_no_plugin_and_no_host_is_112_in_the_requested_json_mode()
    {
        var error = Refused("--json-greppable");

        Assert.Equal(new OshShellError("KO_NO_HOST", 112, "No osh command specified and no host to connect to",
            OshOutputMode.JsonGreppable, false), error);
    }

    // §5.2 scenario 2: a single-dash -osh with no name asks for help.
    [Fact]
    public void Scenario2_lone_single_dash_osh_means_help()
    {
        var invocation = Ok("--json-greppable -osh");

        Assert.Equal("help", invocation.Plugin);
        Assert.Empty(invocation.PluginArguments);
        Assert.Equal("", invocation.Host);
        Assert.Equal(OshOutputMode.JsonGreppable, invocation.Mode);
    }

    [Fact]
    public void Scenario3_osh_help()
    {
        var invocation = Ok("--json-greppable --osh help");

        Assert.Equal("help", invocation.Plugin);
        Assert.Empty(invocation.PluginArguments);
        Assert.Null(invocation.Host);
        Assert.False(invocation.Help);
    }

    // §5.2 scenario 4: the parser passes the name on; the dispatcher answers 104 KO_UNKNOWN_COMMAND.
    [Fact]
    public void Scenario4_unknown_plugin_name_is_passed_to_the_dispatcher()
    {
        var invocation = Ok("--json-greppable --osh nonexistent");

        Assert.Equal("nonexistent", invocation.Plugin);
        Assert.Equal(OshOutputMode.JsonGreppable, invocation.Mode);
    }

    [Theory]
    [InlineData("accountAddFullGroupAccess", "groupAddMember")]
    [InlineData("accountDelFullGroupAccess", "groupDelMember")]
    [InlineData("accountAddPartialGroupAccess", "groupAddGuestAccess")]
    [InlineData("accountDelPartialGroupAccess", "groupDelGuestAccess")]
    [InlineData("accountListPartialGroupAccess", "groupListGuestAccesses")]
    [InlineData("selfListKeys", "selfListIngressKeys")]
    [InlineData("selfAddKey", "selfAddIngressKey")]
    [InlineData("selfDelKey", "selfDelIngressKey")]
    [InlineData("selfListBastionKeys", "selfListEgressKeys")]
    [InlineData("selfGenerateBastionKey", "selfGenerateEgressKey")]
    [InlineData("selfAddPrivateAccess", "selfAddPersonalAccess")]
    [InlineData("selfDelPrivateAccess", "selfDelPersonalAccess")]
    [InlineData("accountAddPrivateAccess", "accountAddPersonalAccess")]
    [InlineData("accountDelPrivateAccess", "accountDelPersonalAccess")]
    [InlineData("accountListBastionKeys", "accountListEgressKeys")]
    [InlineData("accountListKeys", "accountListIngressKeys")]
    [InlineData("accountResetKeys", "accountResetIngressKeys")]
    [InlineData("helloWorld", "info")]
    [InlineData("groupGenerateEgressPassword", "groupGeneratePassword")]
    [InlineData("groupListEgressPasswords", "groupListPasswords")]
    [InlineData("selfListEgressPasswords", "selfListPasswords")]
    [InlineData("selfaddkey", "selfaddkey")]
    [InlineData("info", "info")]
    public void Legacy_plugin_names_are_translated_exactly(string given, string expected)
    {
        Assert.Equal(expected, Ok($"--osh {given}").Plugin);
    }

    [Fact]
    public void Plugin_gets_the_leftover_words_then_the_remote_part_split_on_spaces()
    {
        var invocation = Ok("--osh groupAddServer --group g1 -h 10.0.0.1 -u root -p 22 --force -- --comment  x");

        Assert.Equal("groupAddServer", invocation.Plugin);
        Assert.Equal(["--group", "g1", "--force", "--comment", "", "x"], invocation.PluginArguments);
        Assert.Equal("10.0.0.1", invocation.Host);
        Assert.Equal("root", invocation.User);
        Assert.Equal(22, invocation.Port);
        Assert.Equal("--comment  x", invocation.RemoteCommand);
        Assert.Null(invocation.SshCommand);
    }

    [Theory]
    [InlineData("root@srv1", "root", "srv1")]
    [InlineData("a@b@c", "a@b", "c")]
    [InlineData("srv1", null, "srv1")]
    [InlineData("[::1]", null, "[::1]")]
    [InlineData("admin@[2001:db8::1]", "admin", "[2001:db8::1]")]
    [InlineData("-u bob srv1", "bob", "srv1")]
    [InlineData("-l bob srv1", "bob", "srv1")]
    [InlineData("--user bob alice@srv1", "alice", "srv1")]
    [InlineData("-h srv1", null, "srv1")]
    [InlineData("10.1.2.3", null, "10.1.2.3")]
    public void Egress_target_forms(string commandString, string? user, string host)
    {
        var invocation = Ok(commandString);

        Assert.Null(invocation.Plugin);
        Assert.Equal(user, invocation.User);
        Assert.Equal(host, invocation.Host);
        Assert.Null(invocation.Port);
    }

    [Fact]
    public void Port_comes_from_p_and_there_is_no_host_colon_port_form()
    {
        Assert.Equal(2222, Ok("-p 2222 srv1").Port);
        Assert.Equal(2222, Ok("--port=2222 srv1").Port);
        Assert.Equal(7, Ok("-p=7 srv1").Port);
        Assert.Equal(new OshShellError("KO_INVALID_REMOTE_HOST", 128, "Remote host name '[::1]:22' seems invalid",
            OshOutputMode.Human, false), Refused("[::1]:22"));
    }

    [Fact]
    public void A_host_colon_port_word_is_kept_whole_as_the_host()
    {
        var invocation = Ok("root@srv1:22");

        Assert.Equal("srv1:22", invocation.Host);
        Assert.Null(invocation.Port);
    }

    [Fact]
    public void Remote_command_after_the_separator()
    {
        var invocation = Ok("root@srv1 -- ls  -la 'x y'  ");

        Assert.Equal("ls  -la 'x y'  ", invocation.RemoteCommand);
        Assert.Equal(["ls", "", "-la", "'x", "y'"], invocation.PluginArguments);
        Assert.Equal("ls  -la 'x y'", invocation.SshCommand);
    }

    [Fact]
    public void Without_separator_leftover_words_become_the_remote_command()
    {
        var invocation = Ok("srv1 uname \"-a  -r\"");

        Assert.Null(invocation.RemoteCommand);
        Assert.Equal("uname -a  -r", invocation.SshCommand);
    }

    [Fact]
    public void The_first_leftover_word_wins_over_h_even_from_the_remote_part()
    {
        var invocation = Ok("-h srv1 -- uptime");

        Assert.Equal("uptime", invocation.Host);
        Assert.Null(invocation.SshCommand);
    }

    [Fact]
    public void A_non_integer_p_is_not_an_option_so_its_words_stay()
    {
        var invocation = Ok("-p abc srv1");

        Assert.Null(invocation.Port);
        Assert.Equal("-p", invocation.Host);
        Assert.Equal(["abc", "srv1"], invocation.PluginArguments);
        Assert.Equal("abc srv1", invocation.SshCommand);
    }

    [Theory]
    [InlineData("-p 0 srv1", "Invalid port specified (0)")]
    [InlineData("-p 65536 srv1", "Invalid port specified (65536)")]
    [InlineData("-p -5 srv1", "Invalid port specified (-5)")]
    [InlineData("-p 1_0_0_0_0_0 srv1", "Invalid port specified (100000)")]
    [InlineData("--port=99999999999999999999 srv1", "Invalid port specified (1e+20)")]
    public void Port_out_of_range_is_134(string commandString, string message)
    {
        var error = Refused(commandString);

        Assert.Equal("KO_INVALID_PORT", error.Code);
        Assert.Equal(134, error.ExitCode);
        Assert.Equal(message, error.Message);
    }

    // §1.3: the shell cannot read '*' as a port, so "--port *" reaches the plugin, whose Getopt::Long takes the
    // unambiguous prefix "--port" for its "--port-any".
    [Fact]
    public void Port_star_reaches_the_plugin_as_port_any()
    {
        var invocation = Ok("--osh groupAddServer --group g1 --host 127.0.0.1 --user '*' --port '*'");

        Assert.Null(invocation.Port);
        Assert.Equal("*", invocation.User);
        Assert.Equal(["--group", "g1", "--port", "*"], invocation.PluginArguments);

        PluginOption[] groupAddServer =
        [
            PluginOption.String("group"), PluginOption.String("protocol"), PluginOption.Flag("force"),
            PluginOption.String("force-key"), PluginOption.String("force-password"), PluginOption.String("ttl"),
            PluginOption.String("comment"), PluginOption.String("proxy-host"), PluginOption.String("proxy-port"),
            PluginOption.String("proxy-user"), PluginOption.Flag("user-any"), PluginOption.Flag("port-any"),
            PluginOption.Flag("scpup"), PluginOption.Flag("scpdown"), PluginOption.Flag("sftp"),
        ];
        var options = Assert.IsType<ParsedOptions>(PluginOptionParser.Parse(groupAddServer, invocation.PluginArguments));
        Assert.True(options.Flag("port-any"));
        Assert.False(options.Flag("user-any"));
        Assert.Equal("g1", options.String("group"));
        Assert.Equal(["*"], options.Positionals);
    }

    [Fact]
    public void Wildcard_users_are_only_for_plugins()
    {
        Assert.Equal("a*", Ok("--osh groupAddServer --user 'a*'").User);
        Assert.Equal(new OshShellError("KO_INVALID_REMOTE_USER", 127, "Remote user name 'a*' seems invalid",
            OshOutputMode.Json, true), Refused("--json -q 'a*'@srv1"));
        Assert.Equal("Remote user name 'bad%user' seems invalid", Refused("bad%user@srv1").Message);
    }

    [Fact]
    public void Subnets_are_only_for_plugins()
    {
        Assert.Equal("10.0.0.0/24", Ok("--osh groupAddServer --host 10.0.0.0/24").Host);
        Assert.Equal(new OshShellError("KO_INVALID_REMOTE_HOST", 128,
            "Remote host '10.0.0.0/24' looks like a subnet, can't connect to that", OshOutputMode.Human, false),
            Refused("10.0.0.0/24"));
    }

    [Theory]
    [InlineData("--foo srv1", "Couldn't parse option '--foo'")]
    [InlineData("--OSH info", "Couldn't parse option '--OSH'")]
    [InlineData("--os info", "Couldn't parse option '--os'")]
    [InlineData("--json-pretti srv1", "Couldn't parse option '--json-pretti'")]
    public void Unknown_long_options_are_case_sensitive_unabbreviated_and_fail_as_a_host(string commandString,
        string message)
    {
        var error = Refused(commandString);

        Assert.Equal("KO_GETOPTS_FAILED", error.Code);
        Assert.Equal(111, error.ExitCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_unknown_option_with_a_value_is_an_invalid_host()
    {
        Assert.Equal("Remote host name '--foo=bar' seems invalid", Refused("--foo=bar srv1").Message);
    }

    [Theory]
    [InlineData("+osh info")]
    [InlineData("-osh info")]
    [InlineData("-osh=info")]
    [InlineData("--osh=info")]
    public void Options_accept_every_getopt_long_starter_and_equals(string commandString)
    {
        Assert.Equal("info", Ok(commandString).Plugin);
    }

    [Fact]
    public void Tty_flags()
    {
        Assert.True(Ok("-t srv1").Tty);
        Assert.False(Ok("-T srv1").Tty);
        Assert.Null(Ok("srv1").Tty);
        Assert.Equal(new OshShellError("KO_TTY_NOTTY", 115, "Options -t and -T are mutually exclusive",
            OshOutputMode.JsonPretty, false), Refused("--json-pretty -t -T srv1"));
    }

    [Fact]
    public void Mfa_token_options_conflict()
    {
        Assert.Equal(new OshShellError("KO_CONFLICTING_OPTIONS", 115,
            "Can't specify both --generate-mfa-token and --mfa-token", OshOutputMode.Human, false),
            Refused("--generate-mfa-token --mfa-token 123456"));
    }

    [Fact]
    public void Json_modes_pretty_wins_then_greppable()
    {
        Assert.Equal(OshOutputMode.JsonPretty, Ok("--json --json-greppable --json-pretty --osh info").Mode);
        Assert.Equal(OshOutputMode.JsonGreppable, Ok("--json --json-greppable --osh info").Mode);
        Assert.Equal(OshOutputMode.Json, Ok("--json --osh info").Mode);
        Assert.Equal(OshOutputMode.Human, Ok("--osh info").Mode);
    }

    [Fact]
    public void Errors_carry_the_mode_and_quiet_they_were_asked_with()
    {
        var error = Refused("-q --json -p 0 srv1");

        Assert.Equal(OshOutputMode.Json, error.Mode);
        Assert.True(error.Quiet);
        Assert.Equal(new OshEnvelope(null, "KO_INVALID_PORT", "Invalid port specified (0)", null), error.ToEnvelope());
    }

    [Fact]
    public void Help_without_plugin_stops_before_any_check()
    {
        var invocation = Ok("--help -p 0 -t -T");

        Assert.True(invocation.Help);
        Assert.Null(invocation.Plugin);
    }

    [Fact]
    public void Help_with_a_plugin_is_the_plugin_help()
    {
        var invocation = Ok("--osh groupCreate --help");

        Assert.True(invocation.Help);
        Assert.Equal("groupCreate", invocation.Plugin);
        Assert.Empty(invocation.PluginArguments);
    }

    [Fact]
    public void Long_help_stops_before_any_check()
    {
        Assert.True(Ok("--long-help --foo").LongHelp);
    }

    [Fact]
    public void Interactive_stops_before_target_parsing_and_is_checked_with_the_configuration()
    {
        var alone = Ok("-i");
        Assert.True(alone.Interactive);
        Assert.Null(OshCommandLine.CheckInteractive(alone, interactiveModeAllowed: true));
        Assert.Equal(new OshShellError("KO_INTERACTIVE_DISABLED", 114,
            "Interactive mode has been disabled on this bastion", OshOutputMode.Human, false),
            OshCommandLine.CheckInteractive(alone, interactiveModeAllowed: false));

        var withPlugin = Ok("--json -i --osh info");
        Assert.Equal(new OshShellError("KO_CONFLICTING_OPTIONS", 115,
            "Incompatible options specified: --interactive and --osh", OshOutputMode.Json, false),
            OshCommandLine.CheckInteractive(withPlugin, interactiveModeAllowed: true));
    }

    [Fact]
    public void Inside_an_interactive_session_i_is_ignored()
    {
        var error = Assert.IsType<OshShellError>(
            OshCommandLine.Parse("-i", new OshParseSettings(InInteractiveSession: true)));

        Assert.Equal("KO_NO_HOST", error.Code);
    }

    [Fact]
    public void No_command_string_at_all_is_left_to_the_caller()
    {
        var invocation = Assert.IsType<OshInvocation>(OshCommandLine.Parse(null));

        Assert.True(invocation.CommandStringMissing);
        Assert.False(invocation.Interactive);
    }

    [Fact]
    public void An_empty_command_string_has_no_host()
    {
        Assert.Equal("KO_NO_HOST", Refused("").Code);
    }

    [Fact]
    public void An_unclosed_quote_loses_every_option()
    {
        var error = Refused("--json --osh info 'oops");

        Assert.Equal("KO_NO_HOST", error.Code);
        Assert.Equal(OshOutputMode.Human, error.Mode);
    }

    [Fact]
    public void Perl_false_values_count_as_not_given()
    {
        var invocation = Ok("--osh 0 srv1");

        Assert.Null(invocation.Plugin);
        Assert.Equal("srv1", invocation.Host);
        Assert.Equal("KO_NO_HOST", Refused("-h 0").Code);
    }

    [Fact]
    public void Verbose_counts_and_timeout_reads_an_integer()
    {
        var invocation = Ok("--verbose --verbose --timeout 30 srv1");

        Assert.Equal(2, invocation.Verbose);
        Assert.Equal(30, invocation.Timeout);
    }

    [Fact]
    public void Every_other_shell_option_is_kept_for_the_caller()
    {
        var invocation = Ok("-e --password grp -P --bind 10.0.0.5 --debug --netconf --wait -x --ssh-as bob " +
            "--use-key SHA256:abc --kbd-interactive --proactive-mfa --fallback-password-delay 3 --mfa-token 123456 " +
            "--term-passthrough srv1");

        Assert.True(invocation.Telnet);
        Assert.Equal("grp", invocation.PasswordGroup);
        Assert.True(invocation.SelfPassword);
        Assert.Equal("10.0.0.5", invocation.Bind);
        Assert.True(invocation.Debug);
        Assert.True(invocation.Netconf);
        Assert.True(invocation.Wait);
        Assert.True(invocation.ForwardAgent);
        Assert.Equal("bob", invocation.SshAs);
        Assert.Equal("SHA256:abc", invocation.UseKey);
        Assert.True(invocation.KbdInteractive);
        Assert.True(invocation.ProactiveMfa);
        Assert.Equal(3, invocation.FallbackPasswordDelay);
        Assert.Equal("123456", invocation.MfaToken);
        Assert.False(invocation.GenerateMfaToken);
        Assert.True(invocation.TermPassthrough);
        Assert.Equal("srv1", invocation.Host);
    }

    [Fact]
    public void Proxy_jump_is_split_and_checked()
    {
        Assert.Equal(new OshProxyJump("jumper", "::1", 2222), Ok("-J jumper@[::1]:2222 srv1").ProxyJumpTarget);
        Assert.Equal(new OshProxyJump(null, "gw.example", null), Ok("-J gw.example srv1").ProxyJumpTarget);
        Assert.Equal(new OshShellError("KO_INVALID_PROXYJUMP", 135,
            "Invalid proxyjump specification 'a b', should be [user@]host[:port]", OshOutputMode.Human, false),
            Refused("-J 'a b' srv1"));
        Assert.Equal(new OshShellError("KO_INVALID_PROXY_USER", 127, "Port must be numeric and 0 < port <= 65535",
            OshOutputMode.Human, false), Refused("-J gw:99999 srv1"));
    }

    [Fact]
    public void Escaping_of_the_remote_part()
    {
        var always = Ok("--always-escape srv1 -- echo 'x'");
        Assert.Equal("echo 'x'", always.RemoteCommand);
        Assert.Equal("echo \\'x\\'", always.SshCommand);
        Assert.True(always.AlwaysEscape);

        var byDefault = new OshParseSettings(RemoteCommandEscapeByDefault: true);
        Assert.Equal("echo \\'x\\'", Ok("srv1 -- echo 'x'", byDefault).SshCommand);
        Assert.Equal("echo 'x'", Ok("--never-escape srv1 -- echo 'x'", byDefault).SshCommand);
        Assert.Equal("echo 'x'", Ok("srv1 -- echo 'x'").SshCommand);
    }

    [Fact]
    public void Mosh_wrapper_is_removed()
    {
        var invocation = Ok("mosh-server 'new' '-s' '-c' '256' '-l' 'LANG=en_US.UTF-8' '--' '--osh' 'info'");

        Assert.True(invocation.Mosh);
        Assert.Equal("info", invocation.Plugin);
    }

    [Fact]
    public void The_separator_needs_spaces_on_both_sides()
    {
        var invocation = Ok("srv1 --");

        Assert.Null(invocation.RemoteCommand);
        Assert.Equal(["--"], invocation.PluginArguments);
    }
}
