using Rampart.Core.Bastion.Names;

namespace Rampart.Core.Tests.Bastion;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("te3456789012345678stu_Ser.1-")]
    [InlineData("Te0123456789012345678StUsEr4")]
    [InlineData("user.5000")]
    [InlineData("a-b_c.d")]
    [InlineData("realmist")]
    public void Valid_accounts(string name) =>
        Assert.Equal(NameCheck.Valid, AccountName.Check(name));

    [Theory]
    [InlineData("", "ERR_MISSING_PARAMETER", "Missing parameter 'account'")]
    [InlineData("a", "KO_TOO_SMALL", "Account name is too small, length(a) < 2")]
    [InlineData("Te0123456789012345678StUsEr45", "KO_TOO_LONG", "Account name is too long, length(Te0123456789012345678StUsEr45) > 28")]
    [InlineData("-abc", "KO_FORBIDDEN_PREFIX", "Account name must not start with a '-' nor a '.'")]
    [InlineData(".abc", "KO_FORBIDDEN_PREFIX", "Account name must not start with a '-' nor a '.'")]
    [InlineData("keyboard", "KO_FORBIDDEN_PREFIX", "Account name contains an unauthorized key prefix")]
    [InlineData("KEYboard", "KO_FORBIDDEN_PREFIX", "Account name contains an unauthorized key prefix")]
    [InlineData("realm_x", "KO_FORBIDDEN_PREFIX", "Account name contains an unauthorized realm prefix")]
    [InlineData("realm_realm", "KO_FORBIDDEN_PREFIX", "Account name contains an unauthorized realm prefix")]
    [InlineData("bob-tty", "KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix")]
    [InlineData("bob-TTY", "KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix")]
    [InlineData("bob-aclkeeper", "KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix")]
    [InlineData("bob-Gatekeeper", "KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix")]
    [InlineData("bob-owner", "KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix")]
    [InlineData("keybob-owner", "KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix")]
    [InlineData("root", "KO_FORBIDDEN_NAME", "Account name is reserved")]
    [InlineData("proxyhttp", "KO_FORBIDDEN_NAME", "Account name is reserved")]
    [InlineData("passkeeper", "KO_FORBIDDEN_NAME", "Account name is reserved")]
    [InlineData("logkeeper", "KO_FORBIDDEN_NAME", "Account name is reserved")]
    [InlineData("realm", "KO_FORBIDDEN_NAME", "Account name is reserved")]
    [InlineData("bob smith", "KO_FORBIDDEN_CHARS", "Account name contains forbidden characters bob smith")]
    [InlineData("bob\n", "KO_FORBIDDEN_CHARS", "Account name contains forbidden characters bob\n")]
    [InlineData("böb", "KO_FORBIDDEN_CHARS", "Account name contains forbidden characters böb")]
    [InlineData("realm/bob", "KO_REALM_FORBIDDEN", "Account name must not contain any '/'")]
    public void Refused_accounts(string name, string code, string message) =>
        Assert.Equal(new NameCheck(false, code, message), AccountName.Check(name));

    [Fact]
    public void Root_and_realm_are_reserved_only_in_lower_case()
    {
        Assert.True(AccountName.Check("Root").Ok);
        Assert.True(AccountName.Check("Realm_x").Ok);
        Assert.Equal("KO_FORBIDDEN_PREFIX", AccountName.Check("keykeeper").ErrorCode);
    }

    [Theory]
    [InlineData("corp/bob", true, null, null)]
    [InlineData("my-realm/te3456789012345678stu_Ser.1-", true, null, null)]
    [InlineData("c/bob", false, "KO_TOO_SMALL", "Account name is too long, length(c) < 2")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0/bob", false, "KO_TOO_LONG", "Account name is too long, length(realm_abcdefghijklmnopqrstuvwxyz0) > 32")]
    [InlineData("corp/b", false, "KO_TOO_SMALL", "Remote account name is too short, length(b) < 2")]
    [InlineData("corp/Te0123456789012345678StUsEr45", false, "KO_TOO_LONG", "Remote account name is too long, length(Te0123456789012345678StUsEr45) > 28")]
    [InlineData("co.rp/bob", false, "KO_FORBIDDEN_CHARS", "Account name contains forbidden characters co.rp/bob")]
    [InlineData("corp/bob/x", false, "KO_FORBIDDEN_CHARS", "Account name contains forbidden characters corp/bob/x")]
    [InlineData("corp/", false, "KO_FORBIDDEN_CHARS", "Account name contains forbidden characters corp/")]
    [InlineData("corp/bob-tty", false, "KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix")]
    public void Realm_citizens_when_allowed(string name, bool ok, string? code, string? message) =>
        Assert.Equal(new NameCheck(ok, code, message), AccountName.Check(name, allowRealmCitizen: true));

    [Theory]
    [InlineData("te.st_Group1-")]
    [InlineData("tEst-gr.oup2_")]
    [InlineData("testgrOup3")]
    [InlineData("g")]
    [InlineData("abcdefghijklmnopqr")]
    [InlineData("Keyring")]
    [InlineData("Private")]
    [InlineData("mykey")]
    public void Valid_groups(string name) =>
        Assert.Equal(NameCheck.Valid, GroupName.Check(name));

    [Theory]
    [InlineData("", "ERR_MISSING_PARAMETER", "Missing parameter 'group'")]
    [InlineData("key", "KO_FORBIDDEN_PREFIX", "The group name can't start with 'key' (reserved prefix)")]
    [InlineData("keytothegate", "KO_FORBIDDEN_PREFIX", "The group name can't start with 'key' (reserved prefix)")]
    [InlineData("-grp", "KO_FORBIDDEN_PREFIX", "Group name can't start with a '-' nor a '.'")]
    [InlineData(".grp", "KO_FORBIDDEN_PREFIX", "Group name can't start with a '-' nor a '.'")]
    [InlineData("doorkeeper", "KO_FORBIDDEN_SUFFIX", "Forbidden suffix in group name")]
    [InlineData("grp-aclKEEPER", "KO_FORBIDDEN_SUFFIX", "Forbidden suffix in group name")]
    [InlineData("landowner", "KO_FORBIDDEN_SUFFIX", "Forbidden suffix in group name")]
    [InlineData("grp-Owner", "KO_FORBIDDEN_SUFFIX", "Forbidden suffix in group name")]
    [InlineData("grp-tty", "KO_FORBIDDEN_SUFFIX", "Forbidden suffix in group name")]
    [InlineData("private", "KO_FORBIDDEN_NAME", "Forbidden group name")]
    [InlineData("root", "KO_FORBIDDEN_NAME", "Forbidden group name")]
    [InlineData("user", "KO_FORBIDDEN_NAME", "Forbidden group name")]
    [InlineData("self", "KO_FORBIDDEN_NAME", "Forbidden group name")]
    [InlineData("legacy", "KO_FORBIDDEN_NAME", "Forbidden group name")]
    [InlineData("osh", "KO_FORBIDDEN_NAME", "Forbidden group name")]
    [InlineData("my group", "KO_FORBIDDEN_NAME", "Group name contains invalid characters")]
    [InlineData("grp/x", "KO_FORBIDDEN_NAME", "Group name contains invalid characters")]
    [InlineData("abcdefghijklmnopqrs", "KO_NAME_TOO_LONG", "Group name is too long (limit is 18 chars)")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123", "KO_NAME_TOO_LONG", "Group name is too long (system limit)")]
    public void Refused_groups(string name, string code, string message) =>
        Assert.Equal(new NameCheck(false, code, message), GroupName.Check(name));

    [Fact]
    public void The_key_prefix_is_exposed_for_groupCreate_to_map()
    {
        Assert.True(GroupName.HasKeyPrefix("key"));
        Assert.True(GroupName.HasKeyPrefix("keytothegate"));
        Assert.False(GroupName.HasKeyPrefix("Keyring"));
        Assert.False(GroupName.HasKeyPrefix("monkey"));
        Assert.Equal("keyG1", GroupName.SystemName("G1"));
    }
}
