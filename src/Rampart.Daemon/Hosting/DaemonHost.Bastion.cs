using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Egress;
using Rampart.Bastion.Host;
using Rampart.Bastion.Plugins;
using Rampart.Contracts.Bastion;
using Rampart.Core.Audit;
using Rampart.Core.Bastion.Directory;
using Rampart.Core.Bastion.Sessions;
using Rampart.Core.Vault;
using Rampart.Daemon.Bastion;
using Rampart.Store.Bastion;

namespace Rampart.Daemon.Hosting;

/// <summary>The bastion face, present when the daemon is given a front door configuration.</summary>
public static partial class DaemonHost
{
    private static void AddBastion(IServiceCollection services, DaemonOptions options, BastionConfig config)
    {
        var state = Path.Combine(options.DataDirectory, "bastion");
        Directory.CreateDirectory(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddSingleton(config);
        services.AddSingleton(new BastionSettings(config.Name, config.EntryProgram, config.OsGroup, state,
            EgressKeysFrom: config.EgressKeysFrom ?? HostAddresses.Detect(),
            RecordingMaxBytes: config.RecordingMaxBytes ?? BastionSettings.DefaultRecordingMaxBytes,
            IngressKeysFrom: config.IngressKeysFrom,
            IngressKeysFromAllowOverride: config.IngressKeysFromAllowOverride,
            BastionCommand: config.EffectiveBastionCommand,
            InteractiveModeAllowed: config.InteractiveMode != "disabled",
            InteractiveModeByDefault: config.InteractiveMode == "by-default",
            InteractiveModeTimeout: TimeSpan.FromSeconds(config.InteractiveModeTimeout),
            AccountMaxInactiveDays: config.AccountMaxInactiveDays,
            AccountMfaPolicy: Core.Bastion.Mfa.MfaPolicies.Parse(config.AccountMfaPolicy) ?? Core.Bastion.Mfa.MfaPolicy.Enabled,
            Idle: new Core.Bastion.Idle.IdleTimeouts(TimeSpan.FromSeconds(config.IdleLockTimeout), TimeSpan.FromSeconds(config.IdleKillTimeout),
                TimeSpan.FromSeconds(config.WarnBeforeLockSeconds), TimeSpan.FromSeconds(config.WarnBeforeKillSeconds))));
        services.AddSingleton<IBastionStore, SqliteBastionStore>();
        services.AddSingleton<BastionDirectory>();
        services.AddSingleton<LiveSessions>();
        services.AddSingleton<SessionLocks>();
        services.AddSingleton<IBastionSessionLog, SqliteBastionSessionLog>();
        services.AddSingleton<IAccountSystem, OsAccountSystem>();
        services.AddSingleton(BastionPlugins.CreateRegistry());
        services.AddSingleton(provider => new BastionServices(
            provider.GetRequiredService<BastionDirectory>(),
            provider.GetRequiredService<VaultCipher>(),
            provider.GetRequiredService<IAccountSystem>(),
            provider.GetRequiredService<IBastionSessionLog>(),
            provider.GetRequiredService<AuditTrail>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<BastionSettings>(),
            new LateConnectionTester(provider),
            new Core.Bastion.Mfa.MfaTokens(provider.GetRequiredService<TimeProvider>()),
            provider.GetRequiredService<SessionLocks>())
        {
            PluginConfigs = new Rampart.Bastion.Plugins.Configuration.PluginConfigFiles(Path.GetDirectoryName(Path.GetFullPath(options.BastionConfig!))),
        });
        services.AddSingleton(provider => new EgressSessions(provider.GetRequiredService<BastionServices>()));
        services.AddSingleton(provider => new OshShell(
            provider.GetRequiredService<BastionServices>(), provider.GetRequiredService<PluginRegistry>(), provider.GetRequiredService<EgressSessions>()));
        services.AddHostedService<BastionSocketServer>();
    }

    /// <summary>The connection tester is the egress service, which itself needs the services record: resolved on first use.</summary>
    private sealed class LateConnectionTester(IServiceProvider provider) : IConnectionTester
    {
        public Task<string?> TestAsync(
            IReadOnlyList<Core.Bastion.Model.EgressKey> keys, string user, System.Net.IPAddress address, int port, CancellationToken cancellationToken) =>
            provider.GetRequiredService<EgressSessions>().TestAsync(keys, user, address, port, cancellationToken);
    }
}
