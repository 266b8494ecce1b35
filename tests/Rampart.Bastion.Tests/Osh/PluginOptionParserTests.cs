using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Osh;

// Expected results and messages are what Perl's Getopt::Long (default configuration) gives for the same list.
public sealed class PluginOptionParserTests
{
    private static readonly PluginOption[] Options =
    [
        PluginOption.String("user"),
        PluginOption.Flag("user-any"),
        PluginOption.Flag("port-any"),
        PluginOption.Integer("port"),
        PluginOption.String("group", "g"),
        PluginOption.StringList("include"),
        PluginOption.NegatableFlag("force"),
        PluginOption.String("name"),
        PluginOption.Flag("Verbose"),
        PluginOption.Integer("uid"),
    ];

    private static ParsedOptions Ok(params string[] args) =>
        Assert.IsType<ParsedOptions>(PluginOptionParser.Parse(Options, args));

    private static string Error(params string[] args)
    {
        var error = Assert.IsType<PluginOptionError>(PluginOptionParser.Parse(Options, args));
        Assert.Equal("ERR_BAD_OPTIONS", error.Code);
        return error.Message;
    }

    [Fact]
    public void Values_with_space_or_equals_and_any_starter()
    {
        var parsed = Ok("--user", "root", "-g", "G1", "+name=n", "-uid=12");

        Assert.Equal("root", parsed.String("user"));
        Assert.Equal("G1", parsed.String("group"));
        Assert.Equal("n", parsed.String("name"));
        Assert.Equal(12, parsed.Integer("uid"));
        Assert.Empty(parsed.Positionals);
    }

    [Fact]
    public void Names_match_in_any_case()
    {
        var parsed = Ok("--GROUP", "G", "--USER", "u", "-v");

        Assert.Equal("G", parsed.String("group"));
        Assert.Equal("u", parsed.String("user"));
        Assert.True(parsed.Flag("Verbose"));
    }

    [Fact]
    public void Unique_prefixes_are_accepted_and_an_exact_name_beats_longer_ones()
    {
        var parsed = Ok("--gr=I", "--nam", "x", "--user", "u", "--user-a", "--inc", "a");

        Assert.Equal("I", parsed.String("group"));
        Assert.Equal("x", parsed.String("name"));
        Assert.Equal("u", parsed.String("user"));
        Assert.True(parsed.Flag("user-any"));
        Assert.Equal(["a"], parsed.List("include"));
    }

    [Fact]
    public void Ambiguous_prefixes_are_errors_listing_the_candidates()
    {
        Assert.Equal("Error parsing options: Option us is ambiguous (user, user-any)\n", Error("--us", "x"));
        Assert.Equal("Error parsing options: Option u is ambiguous (uid, user, user-any)\n", Error("--u", "x"));
        Assert.Equal("Error parsing options: Option n is ambiguous (name, no-force, noforce)\n", Error("--n", "x"));
        Assert.Equal("Error parsing options: Option por is ambiguous (port, port-any)\n", Error("--por", "1"));
    }

    [Fact]
    public void Negatable_flags()
    {
        Assert.Null(Ok().NegatableFlag("force"));
        Assert.True(Ok("--force").NegatableFlag("force"));
        Assert.False(Ok("--no-force").NegatableFlag("force"));
        Assert.False(Ok("--noforce").NegatableFlag("force"));
        Assert.False(Ok("--force", "--NOFORCE").Flag("force"));
        Assert.True(Ok("--no-force", "--force").Flag("force"));
        Assert.False(Ok("--no").NegatableFlag("force"));
    }

    [Fact]
    public void Integers_are_validated()
    {
        Assert.Equal(7, Ok("--uid", "+0_7").Integer("uid"));
        Assert.Equal(-3, Ok("--uid", "-3").Integer("uid"));
        Assert.Equal(int.MaxValue, Ok("--uid", "99999999999").Integer("uid"));
        Assert.Equal("99999999999", Ok("--uid", "99999999999").IntegerText("uid"));
        Assert.Equal("Error parsing options: Value \"abc\" invalid for option port (number expected)\n",
            Error("--port", "abc", "z"));
        Assert.Equal("Error parsing options: Value \"*\" invalid for option port (number expected)\n",
            Error("--port", "*"));
    }

    [Fact]
    public void Repeated_list_options_accumulate_and_scalars_keep_the_last()
    {
        var parsed = Ok("--include", "a", "-include=b", "+include", "c", "--group", "G1", "--group", "G2");

        Assert.Equal(["a", "b", "c"], parsed.List("include"));
        Assert.Equal("G2", parsed.String("group"));
        Assert.Empty(Ok().List("include"));
    }

    [Fact]
    public void Non_options_are_kept_in_order_and_double_dash_ends_options()
    {
        var parsed = Ok("pos1", "--name", "x", "-", "pos2", "--", "--user", "y");

        Assert.Equal("x", parsed.String("name"));
        Assert.Null(parsed.String("user"));
        Assert.Equal(["pos1", "-", "pos2", "--user", "y"], parsed.Positionals);
    }

    [Fact]
    public void A_string_option_takes_the_next_word_whatever_it_is()
    {
        Assert.Equal("--user", Ok("--name", "--user").String("name"));
    }

    [Fact]
    public void Every_problem_is_reported_in_order()
    {
        Assert.Equal("Error parsing options: Unknown option: unknown\n, Unknown option: bogus\n",
            Error("--unknown", "a", "--bogus=3", "b"));
        Assert.Equal(
            "Error parsing options: Option port-any does not take an argument\n, Option force does not take an argument\n",
            Error("--port-any=", "--force=1"));
        Assert.Equal("Error parsing options: Option port requires an argument\n", Error("--port"));
        Assert.Equal("Error parsing options: Option name requires an argument\n", Error("--name="));
        Assert.Equal("Error parsing options: Missing option after +\n", Error("+"));
        Assert.Equal("Error parsing options: Unknown option: portany\n", Error("--portany"));
        Assert.Equal("Error parsing options: Unknown option: -x\n", Error("---x"));
    }

    [Fact]
    public void Unknown_options_can_be_allowed_and_are_then_positionals()
    {
        var parsed = Assert.IsType<ParsedOptions>(PluginOptionParser.Parse(Options,
            ["--rsync-opt", "-av", "--name", "n", "--port", "x", "--", "rest"], allowUnknownOptions: true));

        Assert.Equal("n", parsed.String("name"));
        Assert.Null(parsed.Integer("port"));
        Assert.Equal(["--rsync-opt", "-av", "--port", "x", "--", "rest"], parsed.Positionals);
    }

    [Fact]
    public void Without_declared_options_nothing_is_parsed()
    {
        var parsed = Assert.IsType<ParsedOptions>(PluginOptionParser.Parse([], ["--x", "--", "y"]));

        Assert.Equal(["--x", "--", "y"], parsed.Positionals);
    }

    [Fact]
    public void Asking_for_an_undeclared_name_or_the_wrong_kind_is_a_bug()
    {
        var parsed = Ok();

        Assert.Throws<ArgumentException>(() => parsed.String("nope"));
        Assert.Throws<ArgumentException>(() => parsed.Integer("user"));
    }

    [Fact]
    public void Bad_declarations_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PluginOptionParser.Parse([PluginOption.String("a b")], []));
        Assert.Throws<ArgumentException>(() =>
            PluginOptionParser.Parse([new PluginOption("n", OptionKind.String, [], Negatable: true)], []));
        Assert.Throws<ArgumentException>(() =>
            PluginOptionParser.Parse([PluginOption.Flag("dup"), PluginOption.String("DUP")], []));
    }
}
