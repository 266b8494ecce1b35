using Rampart.Core.Inventory.Globs;

namespace Rampart.Core.Tests.Inventory;

/// <summary>Every glob example of the seeds and the reference, plus the edges of each syntax element.</summary>
public sealed class GlobTableTests
{
    [Theory]
    // ** and * (XPipe ≥ 15.1: * stays within one level)
    [InlineData("**", "local machine/ssh user config/web1", true)]
    [InlineData("**", "", true)]
    [InlineData("*", "local machine", true)]
    [InlineData("*", "local machine/x", false)]
    [InlineData("*/podman/*", "host/podman/c1", true)]
    [InlineData("**/podman/*", "host/podman/c1", true)]
    [InlineData("**/podman/*", "a/b/podman/c1", true)]
    [InlineData("**/podman/*", "podman/c1/x", false)]
    [InlineData("*mycompany*", "web-mycompany-1", true)]
    [InlineData("*MyCompany*", "web-mycompany-1", true)]
    [InlineData("*mycompany*", "dc/web-mycompany-1", false)]
    // literals, case-insensitive and anchored
    [InlineData("local machine", "local machine", true)]
    [InlineData("Local Machine", "local machine", true)]
    [InlineData("local machine", "local machine/x", false)]
    [InlineData("local", "local machine", false)]
    [InlineData("sshConfigHost", "sshconfighost", true)]
    [InlineData("services/xpipe_api_test", "services/xpipe_api_test", true)]
    [InlineData("local machine/ssh user config/*", "local machine/ssh user config/myhost", true)]
    [InlineData("local machine/ssh user config/*", "local machine/ssh user config/a/b", false)]
    [InlineData("Local Machine/SSH user config/*", "local machine/ssh user config/myhost", true)]
    [InlineData("all connections/default", "all connections/default", true)]
    [InlineData("all connections/*", "all connections/default", true)]
    [InlineData("all connections/*", "all connections/default/sub", false)]
    // x/** is x and everything below it
    [InlineData("default/**", "default", true)]
    [InlineData("default/**", "default/x", true)]
    [InlineData("default/**", "default/x/y", true)]
    [InlineData("default/**", "defaults", false)]
    [InlineData("Default/**", "default/x", true)]
    [InlineData("default/*", "default/x", true)]
    [InlineData("default/*", "default", false)]
    [InlineData("default/*", "default/x/y", false)]
    // ? and classes
    [InlineData("web?", "web1", true)]
    [InlineData("web?", "web10", false)]
    [InlineData("web?", "web", false)]
    [InlineData("web[0-9]", "web7", true)]
    [InlineData("web[0-9]", "weba", false)]
    [InlineData("web[!0-9]", "weba", true)]
    [InlineData("web[!0-9]", "web1", false)]
    [InlineData("web[abc]", "webb", true)]
    [InlineData("web[]]", "web]", true)]
    [InlineData("a[^]b", "a^b", true)]
    [InlineData("a[\\]]b", "a]b", true)]
    // alternatives, also holding globs
    [InlineData("{web,db}*", "web1", true)]
    [InlineData("{web,db}*", "db2", true)]
    [InlineData("{web,db}*", "app", false)]
    [InlineData("{web*,db?}", "web-anything", true)]
    [InlineData("{web*,db?}", "db1", true)]
    [InlineData("{web*,db?}", "db12", false)]
    [InlineData("{a,{b,c}}x", "cx", true)]
    [InlineData("a,b", "a,b", true)]
    // escapes and regex metacharacters stay literal
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "axb", false)]
    [InlineData("a\\?", "a?", true)]
    [InlineData("a.b", "a.b", true)]
    [InlineData("a.b", "axb", false)]
    [InlineData("(x)+", "(x)+", true)]
    [InlineData("(x)+", "xx", false)]
    [InlineData("a|b", "a", false)]
    [InlineData("a|b", "a|b", true)]
    [InlineData("^a$", "^a$", true)]
    [InlineData("#", "#", true)]
    [InlineData("#", "anything", false)]
    [InlineData("100%", "100%", true)]
    [InlineData("a}", "a}", true)]
    // empty pattern
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    public void IsMatch_FollowsXpipesRules(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, Glob.Parse(pattern).IsMatch(path));
    }

    [Theory]
    [InlineData("a[b", "'[' is never closed")]
    [InlineData("{a,b", "'{' is never closed")]
    [InlineData("abc\\", "lone")]
    public void Parse_InvalidPattern_IsAClientErrorSayingWhy(string pattern, string problem)
    {
        var error = Assert.Throws<GlobSyntaxException>(() => Glob.Parse(pattern));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(pattern, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Properties_DescribeTheFastPaths()
    {
        Assert.True(Glob.Parse("**").MatchesEverything);
        Assert.False(Glob.Parse("*").MatchesEverything);
        Assert.Equal("local machine", Glob.Parse("Local Machine").Literal);
        Assert.Equal("a*b", Glob.Parse("a\\*b").Literal);
        Assert.Null(Glob.Parse("a*b").Literal);
    }

    [Fact]
    public void ManyPaths_AreMatchedCorrectly()
    {
        var paths = Enumerable.Range(0, 100_000).Select(i => $"dc{i % 10}/rack{i % 100:D2}/web-{i:D6}").ToList();
        Assert.Equal(1_000, paths.Count(Glob.Parse("dc3/rack03/*").IsMatch));
        Assert.Equal(10_000, paths.Count(Glob.Parse("dc7/**").IsMatch));
        Assert.Equal(100, paths.Count(Glob.Parse("**/web-0001??").IsMatch));
        Assert.Equal(20_000, paths.Count(Glob.Parse("{dc1,dc2}/*/*").IsMatch));
        Assert.Single(paths, Glob.Parse("dc5/rack45/web-012345").IsMatch);
    }

    [Fact]
    public void PathologicalPattern_StaysLinear()
    {
        // A backtracking engine would take ages on this; the glob's engine may not.
        var glob = Glob.Parse(string.Concat(Enumerable.Repeat("*a", 30)) + "b");
        Assert.False(glob.IsMatch(new string('a', 5_000)));
    }
}
