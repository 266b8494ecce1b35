using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Vault;
using Rampart.Shell.OpenSsh.Askpass;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// Turns an <c>ssh</c> entry's store data into an <see cref="SshTarget"/>: host, port, user (plain <c>user</c>, or the
/// identity's <c>username</c>), and the key of the identity (<c>ref</c> to an identity entry or <c>inPlace</c>), whose
/// encrypted <c>sshIdentity</c> the vault opens: a key file, or key material loaded into one of Rampart's agents.
/// A password is only noted here; it is decrypted when ssh asks for it.
/// </summary>
public sealed class SshTargetResolver(InventoryService inventory, ApiSecretCodec secrets, SshEnvironment environment)
{
    /// <summary>Longest gateway chain followed; a longer one is almost surely a loop.</summary>
    private const int MaxHops = 8;

    public Task<SshTarget> ResolveAsync(Entry entry, CancellationToken cancellationToken) => entry.Type == "sshConfigHost"
        ? Task.FromResult(ResolveConfigHost(entry))
        : ResolveAsync(entry, [], cancellationToken);

    /// <summary>
    /// Whether the connection, or a gateway on its way, logs in with a key file of the gateway machine (rather than a
    /// key held in the vault): using it is using the gateway's own credentials.
    /// </summary>
    public bool UsesKeyFiles(Entry entry)
    {
        var seen = new HashSet<Guid>();
        for (var current = entry; current is not null && current.Type == "ssh" && seen.Add(current.Id) && seen.Count <= MaxHops;)
        {
            var data = JsonNode.Parse(current.RawData)!.AsObject();
            if (Identity(data["identity"])?["sshIdentity"] is JsonObject sealedKey && Key(sealedKey).File is not null)
            {
                return true;
            }

            var gateway = StoreReference.Read(data["gateway"]) ?? StoreReference.Read(data["proxy"]);
            current = gateway is { } id && id != WellKnownIds.LocalMachine ? inventory.FindEntry(id) : null;
        }

        return false;
    }

    /// <summary>
    /// The password of an ssh connection's identity, decrypted now (askpass asks at login time). The decrypted text is
    /// the password itself, or XPipe's structured form <c>{"type":"inPlace","value":…}</c> / <c>{"type":"none"}</c>.
    /// </summary>
    public string RevealPassword(Guid connection)
    {
        var entry = inventory.FindEntry(connection) ?? throw new NotFoundException($"Unknown connection: {connection}");
        var identity = Identity(JsonNode.Parse(entry.RawData)?["identity"]);
        if (identity?["password"] is not JsonObject encrypted)
        {
            throw new ClientErrorException("The connection's identity has no password");
        }

        var text = Decrypt(encrypted);
        if (!text.StartsWith('{'))
        {
            return text;
        }

        var structured = JsonNode.Parse(text) as JsonObject;
        return StoreJson.Text(structured?["type"]) switch
        {
            "inPlace" => structured!["value"] switch
            {
                JsonObject nested => Decrypt(nested),
                var value => StoreJson.Text(value) ?? throw new ClientErrorException("The identity's password is empty"),
            },
            "none" => throw new ClientErrorException("The connection's identity has no password"),
            var other => throw new ClientErrorException($"Passwords of type \"{other}\" are not supported by this Rampart version"),
        };
    }

    /// <summary>
    /// <c>sshConfigHost</c>: the alias and the config file (its own <c>file</c>, or that of its <c>config</c> entry,
    /// else ~/.ssh/config); HostName, Port, User, IdentityFile and ProxyJump come from the file.
    /// </summary>
    private SshTarget ResolveConfigHost(Entry entry)
    {
        var data = JsonNode.Parse(entry.RawData)!.AsObject();
        var file = StoreJson.Text(data["file"])
            ?? (StoreReference.Read(data["config"]) is { } config && inventory.FindEntry(config) is { } configEntry
                ? StoreJson.Text(JsonNode.Parse(configEntry.RawData)?["file"])
                : null)
            ?? "~/.ssh/config";
        return new SshTarget(StoreJson.Text(data["host"])!, null, null, null, [], ConfigFile: ExpandHome(file));
    }

    private static string ExpandHome(string path) => path.StartsWith("~/", StringComparison.Ordinal)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
        : path;

    private async Task<SshTarget> ResolveAsync(Entry entry, HashSet<Guid> seen, CancellationToken cancellationToken)
    {
        if (!seen.Add(entry.Id) || seen.Count > MaxHops)
        {
            throw new ClientErrorException("The connection's gateways form a loop or a chain longer than 8 hops");
        }

        var data = JsonNode.Parse(entry.RawData)!.AsObject();
        var host = data["host"]!.GetValue<string>();
        var port = data["port"] is JsonValue portValue && portValue.TryGetValue<int>(out var p) ? p : 22;
        var user = StoreJson.Text(data["user"]);
        string? keyFile = null;
        AgentIdentity? agent = null;
        var hasPassword = false;
        var gateway = await GatewayAsync(data, seen, cancellationToken);

        if (Identity(data["identity"]) is { } identity)
        {
            user ??= StoreJson.Text(identity["username"]);
            hasPassword = identity["password"] is JsonObject;
            if (identity["sshIdentity"] is JsonObject sshIdentity)
            {
                switch (Key(sshIdentity))
                {
                    case { File: { } file }:
                        keyFile = file;
                        break;
                    case { Material: { } material }:
                        agent = await environment.Agents.GetAsync(material, cancellationToken);
                        keyFile = agent.PublicKeyFile;
                        break;
                }
            }
        }

        return new SshTarget(host, port, user, keyFile, Options(data["additionalOptions"]), gateway)
        {
            Agent = agent,
            Password = hasPassword ? new AskpassHop(entry.Id, user, host) : null,
        };
    }

    /// <summary>
    /// <c>gateway</c> (or XPipe's <c>proxy</c>): another ssh connection to jump through. The local machine as gateway
    /// means a direct connection.
    /// </summary>
    private async Task<SshTarget?> GatewayAsync(JsonObject data, HashSet<Guid> seen, CancellationToken cancellationToken)
    {
        var id = StoreReference.Read(data["gateway"]) ?? StoreReference.Read(data["proxy"]);
        if (id is null || id == WellKnownIds.LocalMachine)
        {
            return null;
        }

        var gateway = inventory.FindEntry(id.Value) ?? throw new ClientErrorException($"The connection's gateway {id} no longer exists");
        return gateway.Type == "ssh"
            ? await ResolveAsync(gateway, seen, cancellationToken)
            : throw new ClientErrorException($"Gateways of type {gateway.Type} are not supported by this Rampart version yet; use an ssh connection");
    }

    private JsonObject? Identity(JsonNode? node)
    {
        if (node is not JsonObject identity)
        {
            return null;
        }

        return StoreJson.Text(identity["type"]) switch
        {
            "inPlace" => identity["identityStore"] as JsonObject,
            "ref" => StoreReference.Read(identity["ref"]) is { } id && inventory.FindEntry(id) is { } entry
                ? JsonNode.Parse(entry.RawData) as JsonObject
                : throw new ClientErrorException("The connection's identity no longer exists"),
            _ => null,
        };
    }

    /// <summary>
    /// The decrypted key description: XPipe's <c>{"type":"file","file":path}</c> names a key file, <c>none</c> uses
    /// none; Rampart's <c>{"type":"key","key":"-----BEGIN …"}</c> (or the bare key text) carries the key itself.
    /// </summary>
    private (string? File, string? Material) Key(JsonObject encrypted)
    {
        var text = Decrypt(encrypted);
        if (text.TrimStart().StartsWith("-----BEGIN ", StringComparison.Ordinal))
        {
            return (null, text);
        }

        var described = (text.StartsWith('{') ? JsonNode.Parse(text) : null) as JsonObject
            ?? throw new ClientErrorException("The identity's sshIdentity does not describe a key");
        return StoreJson.Text(described["type"]) switch
        {
            "none" => (null, null),
            "file" => StoreJson.Text(described["file"]) is { Length: > 0 } file
                ? (ExpandHome(file), null)
                : throw new ClientErrorException("The identity's key file is missing"),
            "key" => StoreJson.Text(described["key"]) is { Length: > 0 } key
                ? (null, key)
                : throw new ClientErrorException("The identity's key is empty"),
            var other => throw new ClientErrorException($"SSH identities of type \"{other}\" are not supported by this Rampart version yet"),
        };
    }

    private string Decrypt(JsonObject encrypted)
    {
        using var document = JsonDocument.Parse(encrypted.ToJsonString());
        return secrets.Decrypt(document.RootElement);
    }

    private static List<string> Options(JsonNode? node) => node switch
    {
        JsonObject obj => [.. obj.Select(p => $"{p.Key}={Scalar(p.Value)}")],
        JsonArray array => [.. array.Select(n => n!.GetValue<string>())],
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    private static string Scalar(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        ? value.GetValue<string>()
        : node?.ToJsonString() ?? "";

}
