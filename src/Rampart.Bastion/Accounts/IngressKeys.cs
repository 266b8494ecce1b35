using Rampart.Bastion.Plugins;
using Rampart.Core.Bastion.Keys;

namespace Rampart.Bastion.Accounts;

/// <summary>Turns the text a user pasted into an ingress key the bastion accepts, or fails with The Bastion's code.</summary>
public static class IngressKeys
{
    public static KeyPolicy Policy => KeyPolicy.Ingress;

    public static SshPublicKey Parse(string text)
    {
        if (!SshPublicKeyParser.TryParse(text, out var key, out var code, out var message))
        {
            throw new PluginFailureException(code ?? "KO_NOT_A_KEY", message ?? "This doesn't look like an SSH public key");
        }

        if (Policy.Check(key!) is { } refused)
        {
            throw new PluginFailureException(refused, $"This key is not accepted on this bastion ({refused})");
        }

        return key!;
    }
}
