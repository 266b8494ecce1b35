namespace Rampart.Bastion.Osh;

/// <summary>
/// Process exit statuses of the osh shell, as automation sees them (the reference's <c>EXIT_*</c> constants).
/// 100 is any plugin failure; 101–135 are refusals by the shell itself. An egress session exits with the remote
/// command's own status instead.
/// </summary>
public static class OshExitCode
{
    public const int Ok = 0;
    public const int PluginError = 100;
    public const int AccountInactive = 101;
    public const int HostNotFound = 102;
    public const int ReadOnly = 103;
    public const int UnknownCommand = 104;
    public const int ExecFailed = 105;
    public const int RestrictedCommand = 106;
    public const int AccessDenied = 107;
    public const int PassfileNotFound = 108;
    public const int OutOfSpace = 109;
    public const int ConfigurationFailure = 110;
    public const int GetoptsFailed = 111;
    public const int NoHost = 112;
    public const int AccountExpired = 113;
    public const int InteractiveDisabled = 114;
    public const int ConflictingOptions = 115;
    public const int MoshDisabled = 116;
    public const int GotSignal = 117;
    public const int MaintenanceMode = 118;
    public const int RealmInvalid = 119;
    public const int AccountInvalid = 120;
    public const int TtlExpired = 121;
    public const int MfaPasswordSetupRequired = 122;
    public const int MfaTotpSetupRequired = 123;
    public const int MfaAnySetupRequired = 124;
    public const int MfaFailed = 125;
    public const int TtyrecCmdlineFailed = 126;
    public const int InvalidRemoteUser = 127;
    public const int InvalidRemoteHost = 128;
    public const int PivRequired = 129;
    public const int GetHashFailed = 130;
    public const int AccountFrozen = 131;
    public const int DnsDisabled = 132;
    public const int IpVersionDisabled = 133;
    public const int InvalidPort = 134;
    public const int InvalidProxyJump = 135;

    /// <summary>A plugin exits 0 when its error_code starts with <c>OK</c>, else 100.</summary>
    public static int ForPluginCode(string errorCode)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        return errorCode.StartsWith("OK", StringComparison.Ordinal) ? Ok : PluginError;
    }
}
