using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Osh;

public sealed class OshExitCodeTests
{
    [Fact]
    public void Every_constant_has_the_reference_value()
    {
        int[] actual =
        [
            OshExitCode.Ok, OshExitCode.PluginError, OshExitCode.AccountInactive, OshExitCode.HostNotFound,
            OshExitCode.ReadOnly, OshExitCode.UnknownCommand, OshExitCode.ExecFailed, OshExitCode.RestrictedCommand,
            OshExitCode.AccessDenied, OshExitCode.PassfileNotFound, OshExitCode.OutOfSpace,
            OshExitCode.ConfigurationFailure, OshExitCode.GetoptsFailed, OshExitCode.NoHost,
            OshExitCode.AccountExpired, OshExitCode.InteractiveDisabled, OshExitCode.ConflictingOptions,
            OshExitCode.MoshDisabled, OshExitCode.GotSignal, OshExitCode.MaintenanceMode, OshExitCode.RealmInvalid,
            OshExitCode.AccountInvalid, OshExitCode.TtlExpired, OshExitCode.MfaPasswordSetupRequired,
            OshExitCode.MfaTotpSetupRequired, OshExitCode.MfaAnySetupRequired, OshExitCode.MfaFailed,
            OshExitCode.TtyrecCmdlineFailed, OshExitCode.InvalidRemoteUser, OshExitCode.InvalidRemoteHost,
            OshExitCode.PivRequired, OshExitCode.GetHashFailed, OshExitCode.AccountFrozen, OshExitCode.DnsDisabled,
            OshExitCode.IpVersionDisabled, OshExitCode.InvalidPort, OshExitCode.InvalidProxyJump,
        ];

        Assert.Equal([0, .. Enumerable.Range(100, 36)], actual);
    }

    [Theory]
    [InlineData("OK", 0)]
    [InlineData("OK_NO_CHANGE", 0)]
    [InlineData("KO_ALREADY_EXISTING", 100)]
    [InlineData("ERR_OPERATOR_IS_DRUNK", 100)]
    [InlineData("", 100)]
    public void A_plugin_exits_0_on_ok_codes_else_100(string code, int exitCode)
    {
        Assert.Equal(exitCode, OshExitCode.ForPluginCode(code));
    }
}
