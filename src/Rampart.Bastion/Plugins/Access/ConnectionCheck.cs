using Rampart.Core.Bastion.Model;

namespace Rampart.Bastion.Plugins.Access;

/// <summary>
/// The live test The Bastion runs before adding an access without <c>--force</c>: the server must already accept the
/// egress key, or the entry would be useless. Wildcard users or ports and subnets cannot be tested and are not.
/// </summary>
public static class ConnectionCheck
{
    public static async Task RunAsync(PluginCall call, AclInput input, IReadOnlyList<EgressKey> keys, CancellationToken cancellationToken)
    {
        if (call.Options.Flag("force") || input.User is null || input.User.StartsWith('!') || input.Port is null
            || input.Network.PrefixLength != input.Network.BaseAddress.GetAddressBytes().Length * 8)
        {
            return;
        }

        await call.SayAsync($"Testing the connection to {input.User}@{input.Network.BaseAddress}:{input.Port}, use --force to skip...", cancellationToken);
        if (await call.Services.ConnectionTester.TestAsync(keys, input.User, input.Network.BaseAddress, input.Port.Value, cancellationToken) is { } problem)
        {
            throw new PluginFailureException("ERR_CONNECTION_FAILED",
                $"Couldn't connect to {input.User}@{input.Network.BaseAddress}:{input.Port} ({problem}); if you still want to add this access, use --force");
        }
    }
}
