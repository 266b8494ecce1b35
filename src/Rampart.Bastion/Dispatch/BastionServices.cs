using Rampart.Core.Audit;
using Rampart.Core.Bastion.Directory;
using Rampart.Core.Bastion.Sessions;
using Rampart.Core.Vault;

namespace Rampart.Bastion.Dispatch;

/// <summary>What plugins and egress sessions work with; one instance for the daemon's life.</summary>
public sealed record BastionServices(
    BastionDirectory Directory,
    VaultCipher Cipher,
    IAccountSystem Accounts,
    IBastionSessionLog Sessions,
    AuditTrail Audit,
    TimeProvider Time,
    BastionSettings Settings,
    IConnectionTester ConnectionTester,
    Core.Bastion.Mfa.MfaTokens MfaTokens,
    SessionLocks Locks)
{
    /// <summary>The administrator's per-plugin configuration files; none unless the daemon was given a bastion configuration.</summary>
    public Plugins.Configuration.PluginConfigFiles PluginConfigs { get; init; } = new(null);
}
