using Rampart.Bastion.Dispatch;
using Rampart.Contracts.Bastion;

namespace Rampart.Bastion.Tests.Settings;

public sealed class BastionConfigTests
{
    [Fact]
    public void EgressKeysFrom_RoundTripsThroughTheFile_AndBecomesTheKeysFromOption()
    {
        var path = Path.GetTempFileName();
        try
        {
            var written = new BastionConfig("gw", "/run/osh.sock", "/usr/lib/rampart-osh", "rampart-users", 2222, ["192.0.2.10", "2001:db8::/32"], 5000);
            File.WriteAllText(path, written.Format());
            var read = BastionConfig.Load(path);
            Assert.Equal(["192.0.2.10", "2001:db8::/32"], read.EgressKeysFrom);
            Assert.Equal(5000, read.RecordingMaxBytes);

            var settings = new BastionSettings("gw", "/x", "g", "/tmp", EgressKeysFrom: read.EgressKeysFrom);
            Assert.Equal("from=\"192.0.2.10,2001:db8::/32\"", settings.EgressKeyPrefix);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WithoutEgressKeysFrom_TheDaemonDetectsAddresses_AndAnEmptyListMeansNoFromOption()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new BastionConfig("gw", "/run/osh.sock", "/usr/lib/rampart-osh", "rampart-users", 2222).Format());
            Assert.Null(BastionConfig.Load(path).EgressKeysFrom);
            Assert.Null(BastionConfig.Load(path).RecordingMaxBytes);
            Assert.Null(new BastionSettings("gw", "/x", "g", "/tmp", EgressKeysFrom: []).EgressKeyPrefix);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BastionCommand_DefaultsToThisHostAndPort_RoundTrips_AndFillsItsPlaceholdersOnce()
    {
        var path = Path.GetTempFileName();
        try
        {
            var defaults = new BastionConfig("gw", "/s", "/e", "g", 2222);
            Assert.Equal("ssh ACCOUNT@HOSTNAME -p 2222 -t --", defaults.EffectiveBastionCommand);
            Assert.Equal("ssh ACCOUNT@HOSTNAME -t --", (defaults with { Port = 22 }).EffectiveBastionCommand);
            File.WriteAllText(path, defaults.Format());
            Assert.Null(BastionConfig.Load(path).BastionCommand);

            File.WriteAllText(path, (defaults with { BastionCommand = "ssh -p 22 USER@gw.example.net -t --" }).Format());
            Assert.Equal("ssh -p 22 USER@gw.example.net -t --", BastionConfig.Load(path).EffectiveBastionCommand);

            var settings = new BastionSettings("edge", "/x", "g", "/tmp", BastionCommand: "ssh ACCOUNT@HOSTNAME -p 2222 -- # BASTIONNAME");
            Assert.Equal($"ssh USERx@{Environment.MachineName} -p 2222 -- # edge", settings.CommandFor("USERx"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InteractiveMode_DefaultsToTheReferences_RoundTrips_AndRefusesOtherValues()
    {
        var path = Path.GetTempFileName();
        try
        {
            var defaults = new BastionConfig("gw", "/s", "/e", "g", 2222);
            File.WriteAllText(path, defaults.Format());
            Assert.Equal(("by-default", 60), (BastionConfig.Load(path).InteractiveMode, BastionConfig.Load(path).InteractiveModeTimeout));

            File.WriteAllText(path, (defaults with { InteractiveMode = "disabled", InteractiveModeTimeout = 0 }).Format());
            Assert.Equal(("disabled", 0), (BastionConfig.Load(path).InteractiveMode, BastionConfig.Load(path).InteractiveModeTimeout));

            File.WriteAllText(path, defaults.Format().Replace("interactive_mode=by-default", "interactive_mode=sometimes", StringComparison.Ordinal));
            Assert.Contains("'sometimes' is not one of by-default, allowed, disabled", Assert.Throws<InvalidOperationException>(() => BastionConfig.Load(path)).Message,
                StringComparison.Ordinal);
            File.WriteAllText(path, defaults.Format().Replace("interactive_mode_timeout=60", "interactive_mode_timeout=-1", StringComparison.Ordinal));
            Assert.Throws<InvalidOperationException>(() => BastionConfig.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("192.0.2.10, 198.51.100.0/24", new[] { "192.0.2.10", "198.51.100.0/24" })]
    [InlineData("192.0.2.10 2001:db8::1", new[] { "192.0.2.10", "2001:db8::1" })]
    public void AddressLists_AcceptCommasAndSpaces(string text, string[] expected) =>
        Assert.Equal(expected, BastionConfig.ParseAddressList(text, "test"));

    [Theory]
    [InlineData("bastion.example.net")]
    [InlineData("192.0.2.10,not-an-ip")]
    [InlineData("192.0.2.300")]
    public void AddressLists_RefuseWhatIsNotAnAddressOrNetwork(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => BastionConfig.ParseAddressList(text, "--egress-keys-from"));
        Assert.StartsWith("--egress-keys-from: '", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false, "", "")]
    [InlineData("", false, "198.51.100.7", "198.51.100.7")]
    [InlineData("192.0.2.0/24", false, "", "192.0.2.0/24")]
    [InlineData("192.0.2.0/24", false, "198.51.100.7", "192.0.2.0/24")]
    [InlineData("192.0.2.0/24", true, "", "192.0.2.0/24")]
    [InlineData("192.0.2.0/24", true, "198.51.100.7", "198.51.100.7")]
    public void IngressFrom_IsTheBastionWideList_UnlessOverridingIsAllowed(string forced, bool allowOverride, string keyFrom, string expected)
    {
        static string[] List(string text) => text.Length == 0 ? [] : text.Split(',');
        var settings = new BastionSettings("gw", "/x", "g", "/tmp", IngressKeysFrom: List(forced), IngressKeysFromAllowOverride: allowOverride);
        Assert.Equal(List(expected), settings.IngressFrom(List(keyFrom)));
    }

    [Fact]
    public void IngressSettings_RoundTripThroughTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new BastionConfig("gw", "/s", "/e", "g", 2222, IngressKeysFrom: ["192.0.2.0/24"], IngressKeysFromAllowOverride: true).Format());
            var read = BastionConfig.Load(path);
            Assert.Equal(["192.0.2.0/24"], read.IngressKeysFrom);
            Assert.True(read.IngressKeysFromAllowOverride);
            File.WriteAllText(path, "socket=/s\nentry_program=/e\ningress_keys_from_allow_override=maybe\n");
            Assert.Throws<InvalidOperationException>(() => BastionConfig.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1G")]
    [InlineData(" 12")]
    public void ByteCounts_MustBePositiveWholeNumbers(string text) =>
        Assert.Throws<InvalidOperationException>(() => BastionConfig.ParseByteCount(text, "--recording-max-bytes"));

    [Fact]
    public void IdleTimeouts_RoundTripThroughTheFile_AndNonsenseIsRefusedWhenLoaded()
    {
        var path = Path.GetTempFileName();
        try
        {
            var written = new BastionConfig("gw", "/run/osh.sock", "/usr/lib/rampart-osh", "rampart-users", 2222,
                IdleLockTimeout: 600, IdleKillTimeout: 1800, WarnBeforeLockSeconds: 30, WarnBeforeKillSeconds: 60);
            File.WriteAllText(path, written.Format());
            var read = BastionConfig.Load(path);
            Assert.Equal((600, 1800, 30, 60), (read.IdleLockTimeout, read.IdleKillTimeout, read.WarnBeforeLockSeconds, read.WarnBeforeKillSeconds));

            File.WriteAllText(path, (written with { IdleKillTimeout = 300 }).Format());
            Assert.Contains("cannot be shorter than the idle lock timeout", Assert.Throws<InvalidOperationException>(() => BastionConfig.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        var none = new BastionConfig("gw", "/s", "/e", "g", 2222);
        Assert.Null(none.IdleProblem);
        Assert.NotNull((none with { WarnBeforeLockSeconds = 10 }).IdleProblem);
        Assert.NotNull((none with { IdleKillTimeout = 10, WarnBeforeKillSeconds = 11 }).IdleProblem);
        Assert.Null((none with { IdleLockTimeout = 10, IdleKillTimeout = 10, WarnBeforeLockSeconds = 10 }).IdleProblem);
    }
}
