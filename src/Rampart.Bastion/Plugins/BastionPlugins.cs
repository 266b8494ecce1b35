using Rampart.Bastion.Plugins.Access;
using Rampart.Bastion.Plugins.Accounts;
using Rampart.Bastion.Plugins.Admin;
using Rampart.Bastion.Plugins.Groups;
using Rampart.Bastion.Plugins.Keys;
using Rampart.Bastion.Plugins.Mfa;
using Rampart.Bastion.Plugins.Passwords;
using Rampart.Bastion.Plugins.Self;
using Rampart.Bastion.Plugins.Transfer;
using Rampart.Core.Bastion.Mfa;
using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins;

/// <summary>The plugins this bastion ships: the one list both the dispatcher and <c>help</c> read.</summary>
public static class BastionPlugins
{
    public static PluginRegistry CreateRegistry() => new(
    [
        // open
        new HelpPlugin(), new InfoPlugin(), new AlivePlugin(), new PingPlugin(), new NcPlugin(), new BatchPlugin(),
        new AccountListIngressKeysPlugin(self: true), new SelfAddIngressKeyPlugin(), new SelfDelIngressKeyPlugin(),
        new EgressKeyListPlugin(self: true), new AccessListPlugin(self: true),
        new SelfListSessionsPlugin(), new SelfPlaySessionPlugin(), new SelfForgetHostKeyPlugin(),
        new SessionLockPlugin(lockThem: true), new SessionLockPlugin(lockThem: false),
        new GeneratePasswordPlugin(PasswordOwner.Self), new ListPasswordsPlugin(PasswordOwner.Self), new ListPasswordsPlugin(PasswordOwner.Group),
        new GroupListPlugin(), new GroupInfoPlugin(), new GroupListServersPlugin(),
        new ScpPlugin(), new SftpPlugin(), new RsyncPlugin(), new SelfGenerateEgressKeyPlugin(),
        new ClushPlugin(), new SelfMfaSetupPasswordPlugin(), new SelfMfaSetupTotpPlugin(),
        new MfaResetPlugin(MfaKind.Password, self: true), new MfaResetPlugin(MfaKind.Totp, self: true),

        // restricted
        new AccountCreatePlugin(), new AccountDeletePlugin(), new AccountListPlugin(), new AccountInfoPlugin(), new AccountModifyPlugin(),
        new AccountFreezePlugin(freeze: true), new AccountFreezePlugin(freeze: false), new AccountUnexpirePlugin(),
        new GeneratePasswordPlugin(PasswordOwner.Account), new ListPasswordsPlugin(PasswordOwner.Account),
        new MfaResetPlugin(MfaKind.Password, self: false), new MfaResetPlugin(MfaKind.Totp, self: false),
        new AccountGrantPlugin(grant: true), new AccountGrantPlugin(grant: false),
        new AccountListIngressKeysPlugin(self: false), new EgressKeyListPlugin(self: false), new AccessListPlugin(self: false),
        new PersonalAccessPlugin(self: true, add: true), new PersonalAccessPlugin(self: true, add: false),
        new PersonalAccessPlugin(self: false, add: true), new PersonalAccessPlugin(self: false, add: false),
        new GroupCreatePlugin(), new GroupDeletePlugin(byOwner: false), new WhoHasAccessToPlugin(),

        // group gatekeeper
        new GroupRolePlugin(GroupRole.Member, add: true), new GroupRolePlugin(GroupRole.Member, add: false),
        new GuestAccessPlugin(add: true), new GuestAccessPlugin(add: false), new GroupListGuestAccessesPlugin(),

        // group aclkeeper
        new GroupServerPlugin(add: true), new GroupServerPlugin(add: false), new GroupSetServersPlugin(),

        // group owner
        new GroupRolePlugin(GroupRole.Owner, add: true), new GroupRolePlugin(GroupRole.Owner, add: false),
        new GroupRolePlugin(GroupRole.Gatekeeper, add: true), new GroupRolePlugin(GroupRole.Gatekeeper, add: false),
        new GroupRolePlugin(GroupRole.Aclkeeper, add: true), new GroupRolePlugin(GroupRole.Aclkeeper, add: false),
        new GroupTransmitOwnershipPlugin(), new GroupModifyPlugin(), new GroupDeletePlugin(byOwner: true),
        new GroupGenerateEgressKeyPlugin(), new GroupDelEgressKeyPlugin(), new GeneratePasswordPlugin(PasswordOwner.Group),

        // admin
        new AdminMaintenancePlugin(), new AssetForgetHostKeyPlugin(), new AdminSudoPlugin(),
    ]);
}
