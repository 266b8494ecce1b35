using Rampart.Core.Import;

namespace Rampart.Core.Tests.Import;

public sealed class CsvImportTests
{
    [Fact]
    public void QuotedFields_AnyColumnOrder_AndLineNumbers()
    {
        var parsed = CsvImport.Parse(
            "Name,Host,Port,User,Category,Identity,Password,Gateway,Comment\n"
            + "web1,10.0.0.1,22,deploy,prod/web,~/.ssh/id,,,\"a, quoted\nmultiline note\"\n"
            + "\"db \"\"main\"\"\",10.0.0.2,,,prod/db,,\"p,w\",web1,\n"
            + "\n"
            + "bad,10.0.0.3,99999,,,,,,\n",
            "hosts.csv");

        Assert.Equal(["web1", "db \"main\""], parsed.Hosts.Select(h => h.Name));
        Assert.Equal(["prod", "web"], parsed.Hosts[0].CategoryPath);
        Assert.Equal(("p,w", "web1"), (parsed.Hosts[1].Password, parsed.Hosts[1].Gateway));
        Assert.Equal("hosts.csv:4", parsed.Hosts[1].Source);
        var problem = Assert.Single(parsed.Problems);
        Assert.Equal("hosts.csv:6", problem.Source);
        Assert.Contains(parsed.Notices, n => n.Contains("Comment", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingHostColumn_EmptyFile_AndNameDefault()
    {
        Assert.Contains("no host column", Assert.Single(CsvImport.Parse("name,port\na,22\n", "x").Problems).Message, StringComparison.Ordinal);
        Assert.Single(CsvImport.Parse("", "x").Problems);
        Assert.Equal("10.1.1.1", Assert.Single(CsvImport.Parse("host\n10.1.1.1", "x").Hosts).Name);
    }
}
