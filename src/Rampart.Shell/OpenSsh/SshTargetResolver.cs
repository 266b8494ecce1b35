using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Vault;

namespace Rampart.Shell.OpenSsh;

/// <summary>
/// Turns an <c>ssh</c> entry's store data into an <see cref="SshTarget"/>: host, port, user (plain <c>user</c>, or the
/// identity's <c>username</c>), and the key file of the identity (<c>ref</c> to an identity entry or <c>inPlace</c>),
/// whose encrypted <c>sshIdentity</c> the vault opens.
/// </summary>
public sealed class SshTargetResolver(InventoryService inventory, ApiSecretCodec secrets)
{
    /// <summary>Longest gateway chain followed; a longer one is almost surely a loop.</summary>
    private const int MaxHops = 8;

    public SshTarget Resolve(Entry entry) => entry.Type == "sshConfigHost" ? ResolveConfigHost(entry) : Resolve(entry, []);

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

    private SshTarget Resolve(Entry entry, HashSet<Guid> seen)
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
        var gateway = Gateway(data, seen);

        if (Identity(data["identity"]) is { } identity)
        {
            user ??= StoreJson.Text(identity["username"]);
            if (identity["password"] is JsonObject)
            {
                // Password logins need the askpass helper; refusing beats a silent key-only attempt.
                if (identity["sshIdentity"] is null)
                {
                    throw new ClientErrorException("Password logins are not supported by this Rampart version yet; use a key identity");
                }
            }

            if (identity["sshIdentity"] is JsonObject sshIdentity)
            {
                keyFile = KeyFile(sshIdentity);
            }
        }

        return new SshTarget(host, port, user, keyFile, Options(data["additionalOptions"]), gateway);
    }

    /// <summary>
    /// <c>gateway</c> (or XPipe's <c>proxy</c>): another ssh connection to jump through. The local machine as gateway
    /// means a direct connection.
    /// </summary>
    private SshTarget? Gateway(JsonObject data, HashSet<Guid> seen)
    {
        var id = StoreReference.Read(data["gateway"]) ?? StoreReference.Read(data["proxy"]);
        if (id is null || id == WellKnownIds.LocalMachine)
        {
            return null;
        }

        var gateway = inventory.FindEntry(id.Value) ?? throw new ClientErrorException($"The connection's gateway {id} no longer exists");
        return gateway.Type == "ssh"
            ? Resolve(gateway, seen)
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

    /// <summary>The decrypted key description: <c>{"type":"file","file":path}</c> names a key file; <c>none</c> uses none.</summary>
    private string? KeyFile(JsonObject encrypted)
    {
        using var document = JsonDocument.Parse(encrypted.ToJsonString());
        var described = JsonNode.Parse(secrets.Decrypt(document.RootElement)) as JsonObject
            ?? throw new ClientErrorException("The identity's sshIdentity does not describe a key");
        return StoreJson.Text(described["type"]) switch
        {
            "none" => null,
            "file" => StoreJson.Text(described["file"]) is { Length: > 0 } file
                ? ExpandHome(file)
                : throw new ClientErrorException("The identity's key file is missing"),
            var other => throw new ClientErrorException($"SSH identities of type \"{other}\" are not supported by this Rampart version yet"),
        };
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
