using Rampart.Bastion.Accounts;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;
using Rampart.Shell.Keys;

namespace Rampart.Bastion.Plugins.Keys;

/// <summary>
/// <c>--algo</c>, <c>--size</c> and <c>--encrypted</c> of the plugins that generate an egress key: the algorithm and size
/// checked as The Bastion's <c>is_allowed_algo_and_size</c> (ed25519 needs no size), the key made and sealed at once.
/// </summary>
public static class EgressKeyOptions
{
    public static IReadOnlyList<PluginOption> Declared { get; } =
        [PluginOption.String("algo"), PluginOption.Integer("size"), PluginOption.Flag("encrypted")];

    /// <param name="missing">The message when the algorithm or size is missing.</param>
    public static async Task<EgressKey> GenerateAsync(PluginCall call, string owner, string missing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var algorithm = call.Options.String("algo");
        var size = call.Options.Integer("size");
        if (algorithm is null || (size is null && !string.Equals(algorithm, "ed25519", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PluginFailureException("ERR_MISSING_PARAMETER", missing);
        }

        if (EgressKeyGenerator.CheckAlgorithm(algorithm, size) is { } refused)
        {
            throw new PluginFailureException(refused, Core.Bastion.Keys.KeyErrors.Describe(refused));
        }

        if (call.Options.Flag("encrypted"))
        {
            throw new PluginFailureException("ERR_UNSUPPORTED_FEATURE", "Passphrase-protected egress keys are not supported: keys are sealed in the vault");
        }

        await call.SayAsync("Generating the key, this might take a while...", cancellationToken);
        return await EgressKeys.GenerateAsync(call.Services.Cipher, algorithm.ToLowerInvariant(), size,
            $"{owner}@{call.Services.Settings.Name}:{call.Now.ToUnixTimeSeconds()}", call.Now, cancellationToken);
    }
}
