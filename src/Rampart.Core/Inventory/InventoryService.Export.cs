using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Import;
using Rampart.Core.Inventory.Types;
using Rampart.Core.Vault;

namespace Rampart.Core.Inventory;

public sealed partial class InventoryService
{
    /// <summary>
    /// The ssh connections among <paramref name="ids"/> as import records (category paths below "All connections",
    /// gateways by name, key files by path), for export. Passwords and keys given as material never leave the vault;
    /// such hosts are exported without them and named in <paramref name="notices"/>.
    /// </summary>
    public IReadOnlyList<ImportedHost> ExportHosts(IReadOnlyList<Guid> ids, ApiSecretCodec secrets, List<string> notices) => Read(() =>
    {
        var hosts = new List<ImportedHost>();
        foreach (var id in ids)
        {
            var entry = _model.FindEntry(id);
            if (entry is null || entry.Type != ConnectionTypes.Ssh.Id)
            {
                continue;
            }

            var data = JsonNode.Parse(entry.RawData)!.AsObject();
            var identity = data["identity"]?["identityStore"] as JsonObject;
            if (StoreJson.Text(data["identity"]?["type"]) == "ref" && StoreReference.Read(data["identity"]?["ref"]) is { } identityId)
            {
                identity = _model.FindEntry(identityId) is { } identityEntry ? JsonNode.Parse(identityEntry.RawData) as JsonObject : null;
            }

            string? keyFile = null;
            if (identity?["sshIdentity"] is JsonObject sealedKey)
            {
                keyFile = KeyFileOf(sealedKey, secrets);
                if (keyFile is null)
                {
                    notices.Add($"{entry.Name}: its key is stored in the vault, not in a file; exported without it");
                }
            }

            if (identity?["password"] is JsonObject)
            {
                notices.Add($"{entry.Name}: its password stays in the vault; exported without it");
            }

            var gateway = (StoreReference.Read(data["gateway"]) ?? StoreReference.Read(data["proxy"])) is { } gatewayId && gatewayId != WellKnownIds.LocalMachine
                ? _model.FindEntry(gatewayId)?.Name
                : null;
            var category = _model.FindCategory(entry.CategoryId) is { } c
                ? _model.CategoryChain(c).Skip(1).Select(x => x.Name).ToList()
                : [];
            hosts.Add(new ImportedHost(
                entry.Name,
                StoreJson.Text(data["host"]) ?? "",
                data["port"] is JsonValue port && port.TryGetValue<int>(out var p) ? p : null,
                StoreJson.Text(data["user"]) ?? StoreJson.Text(identity?["username"]),
                category,
                keyFile,
                null,
                gateway,
                entry.Id.ToString("D")));
        }

        return hosts;
    });

    private static string? KeyFileOf(JsonObject sealedKey, ApiSecretCodec secrets)
    {
        try
        {
            using var document = JsonDocument.Parse(sealedKey.ToJsonString());
            var text = secrets.Decrypt(document.RootElement);
            return text.StartsWith('{') && JsonNode.Parse(text) is JsonObject described && StoreJson.Text(described["type"]) == "file"
                ? StoreJson.Text(described["file"])
                : null;
        }
        catch (Exception e) when (e is ClientErrorException or JsonException)
        {
            return null;
        }
    }
}
