using Rampart.Core.Import;

namespace Rampart.Core.Tests.Import;

public sealed class SshConfigImportTests
{
    private static ParsedImport Parse(string text, Dictionary<string, IReadOnlyList<IncludedFile>>? includes = null) =>
        SshConfigImport.Parse(text, "config", includes ?? []);

    [Fact]
    public void FirstValueWins_AcrossMatchingBlocks_AsSshReadsThem()
    {
        var parsed = Parse("""
            # comment
            Host web1 web2
              HostName %h.example.com
              Port 2222
            Host web2
              Port 3333
              User override
            Host db
              HostName=10.0.0.5
              IdentityFile "~/.ssh/db key"
              ProxyJump web1
            Host *
              User deploy
              Port 22
            """);

        Assert.Empty(parsed.Problems);
        var hosts = parsed.Hosts.ToDictionary(h => h.Name);
        Assert.Equal(["web1", "web2", "db"], parsed.Hosts.Select(h => h.Name));
        Assert.Equal(("web1.example.com", 2222, "deploy"), (hosts["web1"].Host, hosts["web1"].Port, hosts["web1"].User));
        Assert.Equal((2222, "override"), (hosts["web2"].Port, hosts["web2"].User));
        Assert.Equal(("10.0.0.5", 22, "~/.ssh/db key", "web1"), (hosts["db"].Host, hosts["db"].Port, hosts["db"].IdentityFile, hosts["db"].Gateway));
        Assert.Equal("config:8", hosts["db"].Source);
        Assert.Contains(parsed.Notices, n => n.Contains("Host *", StringComparison.Ordinal));
    }

    [Fact]
    public void MatchBlocks_AndNegations_AreHandled()
    {
        var parsed = Parse("""
            Host * !bastion
              User app
            Host bastion app1
            Match host app1
              User ignored
            """);
        var hosts = parsed.Hosts.ToDictionary(h => h.Name);
        Assert.Null(hosts["bastion"].User);
        Assert.Equal("app", hosts["app1"].User);
        Assert.Contains(parsed.Notices, n => n.Contains("Match", StringComparison.Ordinal));
    }

    [Fact]
    public void Include_SplicesTheSuppliedFiles_WithTheirOwnLineNumbers()
    {
        var parsed = Parse("Include conf.d/*\nHost main\n", new()
        {
            ["conf.d/*"] = [new IncludedFile("/home/u/.ssh/conf.d/a", "Host inc1\n  Port 2200\nHost bad\n  Port http\n")],
        });

        Assert.Equal(["inc1", "main"], parsed.Hosts.Select(h => h.Name));
        Assert.Equal("/home/u/.ssh/conf.d/a:1", parsed.Hosts[0].Source);
        var problem = Assert.Single(parsed.Problems);
        Assert.Equal("/home/u/.ssh/conf.d/a:3", problem.Source);
        Assert.Contains("port \"http\"", problem.Message, StringComparison.Ordinal);
        Assert.Empty(Parse("Include missing\n").Hosts);
        Assert.Contains(Parse("Include missing\n").Notices, n => n.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void MultiHopProxyJump_AndLeadingDashHosts_AreProblems()
    {
        var parsed = Parse("Host a\n  ProxyJump j1,j2\nHost b\n  HostName -oProxyCommand=x\nHost c\n");
        Assert.Equal(["c"], parsed.Hosts.Select(h => h.Name));
        Assert.Equal(2, parsed.Problems.Count);
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("web-*", "WEB-01", true)]
    [InlineData("web-??", "web-1", false)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    public void Wildcards_FollowSsh(string pattern, string host, bool expected) =>
        Assert.Equal(expected, SshConfigImport.WildcardMatch(pattern, host));
}
