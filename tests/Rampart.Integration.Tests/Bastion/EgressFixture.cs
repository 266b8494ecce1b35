using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>One bastion, one target sshd that trusts nothing but the keys a test adds, and one target OS user.</summary>
public sealed class EgressFixture : IAsyncLifetime
{
    public BastionGatewayFixture Gateway { get; } = new();

    public SshServer? Target { get; private set; }

    public SystemUser? TargetUser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await Gateway.InitializeAsync();
        if (BastionGateway.CanRun)
        {
            Target = await SshServer.StartAsync(TestContext.Current.CancellationToken);
            Target.AllowOtherUsers();
            await File.WriteAllTextAsync(Target.Home.Combine("authorized_keys"), "", TestContext.Current.CancellationToken);
            TargetUser = await SystemUser.CreateAsync(TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Target is not null)
        {
            await Target.DisposeAsync();
        }

        if (TargetUser is not null)
        {
            await TargetUser.DisposeAsync();
        }

        await Gateway.DisposeAsync();
    }

    /// <summary>A group owned by the admin, with its own egress key trusted by the target, the target as its one server, and a member.</summary>
    public async Task<string> GroupWithServerAsync(string member, CancellationToken cancellationToken)
    {
        var group = "eg" + member[3..];
        var created = await Gateway.Gateway.AdminAsync($"--json-greppable --osh groupCreate --group {group} --algo ed25519 --owner {Gateway.Gateway.Admin}", cancellationToken);
        Assert.True(created.Code == "OK", created.ToString());
        // Shown as servers must install it: usable from the bastion's egress address only (sshd enforces the from=).
        var publicKey = created.Json["value"]!["public_key"]!;
        Assert.Equal("from=\"127.0.0.1\"", publicKey["prefix"]!.GetValue<string>());
        Assert.StartsWith("from=\"127.0.0.1\" ssh-ed25519 ", publicKey["line"]!.GetValue<string>(), StringComparison.Ordinal);
        await TrustAsync(publicKey["line"]!.GetValue<string>(), cancellationToken);

        // Without --force the bastion tries the connection first, which now succeeds.
        var server = await Gateway.Gateway.AdminAsync($"--json-greppable --osh groupAddServer --group {group} --host 127.0.0.1 --port {Target!.Port} --user {TargetUser!.Name}", cancellationToken);
        Assert.True(server.Code == "OK", server.ToString());
        Assert.Equal("OK", (await Gateway.Gateway.AdminAsync($"--json-greppable --osh groupAddMember --group {group} --account {member}", cancellationToken)).Code);
        return group;
    }

    public async Task TrustAsync(string publicKeyLine, CancellationToken cancellationToken) =>
        await File.AppendAllTextAsync(Target!.Home.Combine("authorized_keys"), publicKeyLine + "\n", cancellationToken);
}
