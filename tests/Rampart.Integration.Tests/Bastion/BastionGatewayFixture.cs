namespace Rampart.Integration.Tests.Bastion;

/// <summary>One bastion for a whole test class: installing it and starting sshd and the daemon takes a few seconds.</summary>
public sealed class BastionGatewayFixture : IAsyncLifetime
{
    private BastionGateway? _gateway;

    public BastionGateway Gateway => _gateway ?? throw new InvalidOperationException("The bastion needs root, sshd and useradd.");

    public async ValueTask InitializeAsync()
    {
        if (BastionGateway.CanRun)
        {
            _gateway = await BastionGateway.StartAsync(TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
