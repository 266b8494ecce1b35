using System.Globalization;

namespace Rampart.Cli.Bastion;

/// <summary>
/// The sshd configuration of the bastion's front door, hardened as The Bastion's template (§6.3 of the reference):
/// public keys only, looked up through the entry program; no forwarding of any kind, no tunnels, no user environment
/// or rc files; one session per connection; strong algorithms only; verbose logs.
/// </summary>
internal static class FrontDoorFiles
{
    public static string SshdConfig(string configDirectory, string entryProgram, string listenAddress, int port, string osGroup, string keysUser) =>
        string.Create(CultureInfo.InvariantCulture, $"""
        # Rampart bastion front door, written by `rampart bastion install`; run it with `rampart bastion serve`.
        Port {port}
        ListenAddress {listenAddress}
        HostKey {configDirectory}/ssh_host_ed25519_key
        HostKey {configDirectory}/ssh_host_ecdsa_key
        HostKey {configDirectory}/ssh_host_rsa_key
        PidFile none

        # Accounts are OS users of the group {osGroup}; their keys live in Rampart and are looked up per login.
        AllowGroups {osGroup}
        PermitRootLogin no
        PubkeyAuthentication yes
        AuthorizedKeysFile none
        AuthorizedKeysCommand {entryProgram} --authorized-keys %u
        AuthorizedKeysCommandUser {keysUser}
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        HostbasedAuthentication no
        UsePAM no
        StrictModes yes

        # The bastion is not a jump host: nothing is forwarded or tunnelled through it.
        AllowAgentForwarding no
        AllowTcpForwarding no
        AllowStreamLocalForwarding no
        X11Forwarding no
        PermitTunnel no
        GatewayPorts no
        PermitUserEnvironment no
        PermitUserRC no
        DisableForwarding yes

        MaxSessions 1
        MaxAuthTries 3
        LoginGraceTime 30
        ClientAliveInterval 60
        AcceptEnv LANG LC_*
        PrintMotd no
        PrintLastLog no
        Banner none
        LogLevel VERBOSE
        Compression no

        KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group-exchange-sha256
        Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr
        MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com
        HostKeyAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256
        PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com

        """);
}
