namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>One daemon shared by the tests of a class; each test uses names of its own.</summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    public DaemonProcess Daemon { get; } = new();

    public ApiClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Daemon.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Client = await Daemon.ConnectAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Daemon.DisposeAsync();
}
