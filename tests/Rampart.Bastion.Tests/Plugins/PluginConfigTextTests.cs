using Rampart.Bastion.Plugins.Configuration;

namespace Rampart.Bastion.Tests.Plugins;

public sealed class PluginConfigTextTests
{
    [Fact]
    public void ReadsTheKeysRampartActsOn()
    {
        var config = PluginConfigText.Parse("""{ "disabled": true, "mfa_required": "totp", "widest_v4_prefix": 24, "self_remote_user_only": true }""");
        Assert.Equal(new PluginConfig(true, "totp", 24, true), config);
    }

    [Fact]
    public void TakesTheBastionsLaxJson_CommentsAndNoOuterBraces()
    {
        var config = PluginConfigText.Parse("""
            # written by hand
            "disabled": false, // not yet
            /** a block
                comment */
            "mfa_required": "any // not a comment"
            """);
        Assert.False(config.Disabled);
        Assert.Equal("any // not a comment", config.MfaRequired);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("\"true\"", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("\"0\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("null", false)]
    // The Bastion once documented "yes": a "no" or "false" string is read as the administrator meant it, not as Perl's truth.
    [InlineData("\"no\"", false)]
    [InlineData("\"false\"", false)]
    public void DisabledIsReadAsTheBastionReadsIt(string value, bool disabled) =>
        Assert.Equal(disabled, PluginConfigText.Parse($$"""{"disabled": {{value}}}""").Disabled);

    [Fact]
    public void AnEmptyFileIsNoConfiguration() => Assert.Equal(PluginConfig.None, PluginConfigText.Parse("# nothing here\n"));

    [Theory]
    [InlineData("{\"disabled\": true")]
    [InlineData("[1, 2]")]
    [InlineData("{\"widest_v4_prefix\": 33}")]
    [InlineData("{\"widest_v4_prefix\": \"wide\"}")]
    [InlineData("{\"mfa_required\": [\"any\"]}")]
    public void ABrokenFileIsAnError_NeverNoConfiguration(string text) =>
        Assert.Throws<PluginConfigException>(() => PluginConfigText.Parse(text));
}
