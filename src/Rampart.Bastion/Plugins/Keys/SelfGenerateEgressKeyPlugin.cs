using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Keys;

/// <summary>
/// <c>selfGenerateEgressKey</c>: a new personal egress key pair for the caller, to rotate keys. The older keys stay
/// until removed; connections try the newest key first.
/// </summary>
public sealed class SelfGenerateEgressKeyPlugin : OshPlugin
{
    public override string Name => "selfGenerateEgressKey";

    public override PluginCategory Category => PluginCategory.Open;

    public override string Summary => "Create a new public + private key pair on your bastion account";

    public override IReadOnlyList<PluginOption> Options => EgressKeyOptions.Declared;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var name = call.Caller.Name;
        var key = await EgressKeyOptions.GenerateAsync(call, name, "Missing the 'algo' or 'size' parameter", cancellationToken);
        var added = await call.Services.Directory.ChangeAsync(snapshot => snapshot.Account(name) is { } account
            ? (snapshot.With(account with { EgressKeys = [.. account.EgressKeys, key] }), true)
            : (null, false), cancellationToken);
        if (!added)
        {
            return Fail("KO_NOT_FOUND", $"Account '{name}' doesn't exist");
        }

        var shown = call.Shown(key);
        await call.SayAsync($"Your new key pair has been generated:\n\n{shown.Line}\n", cancellationToken);
        return Ok(shown.ToJson());
    }
}
