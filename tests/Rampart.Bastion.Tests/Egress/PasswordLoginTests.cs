using Rampart.Bastion.Egress;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Egress;

public sealed class PasswordLoginTests
{
    [Theory]
    // remote user as typed, --password, -P, expected remote user, self, password owner, telnet
    [InlineData("ssh-password-root-ops", null, false, "root", false, "ops", false)]
    [InlineData("ssh-passwd-admin", null, false, "admin", false, "admin", false)]
    [InlineData("telnet-password-root-net", null, false, "root", false, "net", true)]
    [InlineData("root", "ops", false, "root", false, "ops", false)]
    [InlineData(null, null, true, null, true, "alice", false)]
    public void TheOptionsAndTheRemoteUserPrefixNameThePasswordsToType(
        string? user, string? group, bool self, string? remote, bool expectSelf, string owner, bool telnet)
    {
        var (login, rewritten) = PasswordLogin.From(new OshInvocation { User = user, PasswordGroup = group, SelfPassword = self }, "alice");
        Assert.Equal(remote, rewritten);
        Assert.Equal(new PasswordLogin(expectSelf, owner, telnet), login);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("ssh-password-deploy-user-ops")]
    [InlineData(null)]
    public void KeysOtherwise_AndAUserWithDashesIsTakenAsIs(string? user)
    {
        var (login, rewritten) = PasswordLogin.From(new OshInvocation { User = user }, "alice");
        Assert.Null(login);
        Assert.Equal(user, rewritten);
    }
}
