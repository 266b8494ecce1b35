using Rampart.Core.Bastion.Access;
using static Rampart.Core.Tests.Bastion.AclTruthTableTests;

namespace Rampart.Core.Tests.Bastion;

public sealed class AclMatcherTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("prefix-*", "prefix-", true)]
    [InlineData("prefix-*", "prefix-web", true)]
    [InlineData("prefix-*", "prefix", false)]
    [InlineData("prefix-*", "other-web", false)]
    [InlineData("a?b?c", "a1b2c", true)]
    [InlineData("a?b?c", "abc", false)]
    [InlineData("a?b?c", "a1b2c3", false)]
    [InlineData("*db*", "proddb01", true)]
    [InlineData("*db*", "prodweb", false)]
    [InlineData("Root", "root", false)]
    [InlineData("r.ot", "root", false)]
    [InlineData("*.*", "ab", false)]
    [InlineData("*.*", "a.b", true)]
    public void Entry_users_glob_with_star_and_question_mark(string entryUser, string user, bool granted)
    {
        var entry = Entry($"{entryUser}@192.0.2.1");
        Assert.Equal(granted, AclMatcher.Grants(entry, Request("192.0.2.1", user, 22), Now));
    }

    [Fact]
    public void A_glob_entry_does_not_grant_a_user_any_request()
    {
        Assert.False(AclMatcher.Grants(Entry("a*@192.0.2.1"), Request("192.0.2.1", null, 22), Now));
        Assert.False(AclMatcher.Grants(Entry("?@192.0.2.1"), Request("192.0.2.1", null, 22), Now));
        Assert.True(AclMatcher.Grants(Entry("?@192.0.2.1"), Request("192.0.2.1", "a", 22), Now));
    }

    [Fact]
    public void A_literal_star_is_any_on_both_sides()
    {
        // The reference turns "*" into "any" before comparing, so a "*" entry grants a user-any request too.
        Assert.True(AclMatcher.Grants(Entry("*@192.0.2.1"), Request("192.0.2.1", null, 22), Now));
        Assert.True(AclMatcher.Grants(Entry("192.0.2.1"), Request("192.0.2.1", "*", 22), Now));
        Assert.False(AclMatcher.Grants(Entry("me@192.0.2.1"), Request("192.0.2.1", "*", 22), Now));
    }

    [Fact]
    public void Protocol_users_match_only_themselves()
    {
        var entry = Entry("!scpupload@192.0.2.1:22");
        Assert.True(AclMatcher.Grants(entry, Request("192.0.2.1", "!scpupload", 22), Now));
        Assert.False(AclMatcher.Grants(entry, Request("192.0.2.1", "!scpdownload", 22), Now));
        Assert.False(AclMatcher.Grants(entry, Request("192.0.2.1", "root", 22), Now));
    }

    [Theory]
    [InlineData("!scpupload@192.0.2.1:22", true)]
    [InlineData("192.0.2.1:22", false)]
    [InlineData("*@192.0.2.1:22", false)]
    [InlineData("!scp*@192.0.2.1:22", false)]
    [InlineData("!scpdownload@192.0.2.1:22", false)]
    [InlineData("!scpupload@192.0.2.0/24", true)]
    public void An_exact_user_request_is_granted_only_by_that_very_user(string entry, bool granted)
    {
        // How The Bastion checks a protocol grant: an "any user" entry must not open scp, sftp or rsync.
        var request = Request("192.0.2.1", "!scpupload", 22) with { ExactUser = true };
        Assert.Equal(granted, AclMatcher.Grants(Entry(entry), request, Now));
    }

    [Fact]
    public void Expired_entries_never_grant()
    {
        var request = Request("192.0.2.1", "me", 22);
        Assert.False(AclMatcher.Grants(Entry("192.0.2.1", Now.AddSeconds(-1)), request, Now));
        Assert.True(AclMatcher.Grants(Entry("192.0.2.1", Now), request, Now));
        Assert.True(AclMatcher.Grants(Entry("192.0.2.1", Now.AddSeconds(1)), request, Now));
        Assert.Null(AclMatcher.BestMatch([Entry("192.0.2.1", Now.AddDays(-1))], request, Now));
    }

    [Fact]
    public void The_smallest_block_wins_and_the_first_among_equals()
    {
        var wide = Entry("0.0.0.0/0");
        var mid = Entry("192.0.2.0/24");
        var narrow = Entry("192.0.2.0/28");
        var single = Entry("192.0.2.1");
        var singleAgain = Entry("me@192.0.2.1");
        var request = Request("192.0.2.1", "me", 22);

        Assert.Same(single, AclMatcher.BestMatch([wide, mid, single, narrow, singleAgain], request, Now));
        Assert.Same(singleAgain, AclMatcher.BestMatch([wide, singleAgain, mid, single], request, Now));
        Assert.Same(narrow, AclMatcher.BestMatch([wide, narrow, mid], request, Now));
        Assert.Same(mid, AclMatcher.BestMatch([wide, mid], Request("192.0.2.200", "me", 22), Now));
        Assert.Same(wide, AclMatcher.BestMatch([wide, mid], Request("198.51.100.1", "me", 22), Now));
        Assert.Null(AclMatcher.BestMatch([mid, narrow], Request("198.51.100.1", "me", 22), Now));
    }

    [Fact]
    public void A_subnet_request_needs_an_entry_holding_the_whole_block()
    {
        var entry = Entry("192.0.2.0/28");
        Assert.True(AclMatcher.Grants(entry, Request("192.0.2.0/28", null, null), Now));
        Assert.True(AclMatcher.Grants(entry, Request("192.0.2.8/29", null, null), Now));
        Assert.False(AclMatcher.Grants(entry, Request("192.0.2.0/27", null, null), Now));
        Assert.False(AclMatcher.Grants(Entry("192.0.2.0"), Request("192.0.2.0/30", null, null), Now));
    }

    [Fact]
    public void Families_never_mix()
    {
        Assert.False(AclMatcher.Grants(Entry("0.0.0.0/0"), Request("2001:db8::1", null, null), Now));
        Assert.False(AclMatcher.Grants(Entry("[::/0]"), Request("192.0.2.1", null, null), Now));
        Assert.True(AclMatcher.Grants(Entry("[::/0]"), Request("2001:db8::1", null, null), Now));
    }
}
