using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Import;
using Rampart.Core.Inventory.Types;
using Rampart.Core.Vault;

namespace Rampart.Core.Inventory;

public sealed partial class InventoryService
{
    /// <summary>
    /// Imports hosts as <c>ssh</c> connections in one transaction: all or nothing unless errors are skipped.
    /// Idempotent: a host whose connection already says the same (secrets compared decrypted) is left alone, so a
    /// re-import changes nothing and says so. Key files and passwords go into the vault.
    /// </summary>
    public Task<ImportReport> ImportAsync(ImportRequest request, ApiSecretCodec secrets, CancellationToken cancellationToken) =>
        request.DryRun
            ? Task.FromResult(Read(() => PlanImport(request, secrets).Report))
            : ChangeAsync(() => PlanImport(request, secrets), cancellationToken);

    private (InventoryChange Change, ImportReport Report) PlanImport(ImportRequest request, ApiSecretCodec secrets)
    {
        var problems = new List<ImportProblem>(request.Parsed.Problems);
        var notices = new List<string>(request.Parsed.Notices);
        var now = _time.GetUtcNow();
        var categories = new ImportCategories(_model, now);
        var baseCategory = categories.Base(request.BaseCategory);

        // Names first, so gateways may name hosts anywhere in the source.
        var hosts = new List<ImportedHost>();
        var ids = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in request.Parsed.Hosts)
        {
            try
            {
                EntryNames.Validate(host.Name, "connection");
                if (ids.ContainsKey(host.Name))
                {
                    throw new ClientErrorException($"the name {host.Name} appears twice in this import");
                }

                ids[host.Name] = _model.FindByTypeAndName(ConnectionTypes.Ssh.Id, host.Name) ?? Guid.NewGuid();
                hosts.Add(host);
            }
            catch (ClientErrorException e)
            {
                problems.Add(new ImportProblem(host.Source, e.Message));
            }
        }

        var lookup = new PlannedEntries(_model);
        var vault = new ImportSecrets(secrets);
        var planned = new List<(ImportedHost Host, Entry Entry, Entry? Existing, string Canonical)>();
        var sequence = _model.NextSequence;
        var canonicals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            try
            {
                var id = ids[host.Name];
                var existing = _model.FindEntry(id);
                var data = ImportedData(host, existing, name => ids.TryGetValue(name, out var g) ? g : _model.FindByTypeAndName(ConnectionTypes.Ssh.Id, name), vault);
                var canonical = StoreCanonicalizer.Canonicalize(data);
                if (_model.FindEqualStore(canonical) is { } equal && equal != id)
                {
                    throw new ClientErrorException($"the same host, port and identity as the existing connection {_model.FindEntry(equal)!.Name}");
                }

                if (!canonicals.Add(canonical))
                {
                    throw new ClientErrorException("the same host, port and identity as another host of this import");
                }

                var categoryId = categories.Below(baseCategory, host.CategoryPath);
                var entry = existing is null
                    ? new Entry(id, host.Name, categoryId, ConnectionTypes.Ssh.Id, data.ToJsonString(), "{}", now, now, now, sequence++)
                    : existing with { RawData = data.ToJsonString(), CategoryId = categoryId, LastModified = now };
                lookup.Add(entry);
                planned.Add((host, entry, existing, canonical));
            }
            catch (ClientErrorException e)
            {
                problems.Add(new ImportProblem(host.Source, e.Message));
            }
        }

        // References are checked once every planned entry is known.
        var added = new List<string>();
        var updated = new List<string>();
        var unchanged = new List<string>();
        var upserts = new List<Entry>();
        foreach (var (host, entry, existing, canonical) in planned)
        {
            try
            {
                ConnectionTypes.Ssh.Validate(new StoreFields(ConnectionTypes.Ssh.Id, JsonNode.Parse(entry.RawData)!.AsObject(), lookup, entry.Id));
            }
            catch (ClientErrorException e)
            {
                problems.Add(new ImportProblem(host.Source, e.Message));
                continue;
            }

            if (existing is null)
            {
                added.Add(entry.Name);
                upserts.Add(entry);
            }
            else if (existing.CategoryId == entry.CategoryId && _model.FindNode(existing.Id)?.Canonical == canonical)
            {
                unchanged.Add(entry.Name);
            }
            else
            {
                updated.Add(entry.Name);
                upserts.Add(entry);
            }
        }

        if (problems.Count > 0 && !request.SkipErrors)
        {
            throw new ImportFailedException(problems);
        }

        // Only categories that an imported host actually uses are created.
        var used = upserts.Select(e => e.CategoryId).ToHashSet();
        var newCategories = categories.Created.Where(c => used.Contains(c.Id) || categories.IsAncestorOfAny(c.Id, used)).ToList();
        var report = new ImportReport(
            added, updated, unchanged, [.. newCategories.Select(c => categories.PathOf(c.Id))], problems, notices, !request.DryRun,
            [.. upserts.Where(e => _model.FindEntry(e.Id) is not null).Select(e => e.Id)]);
        return (new InventoryChange(newCategories, [], upserts, []), report);
    }

    /// <summary>XPipe's ssh store shape; an existing connection's encrypted secrets are kept when they still say the same.</summary>
    private static JsonObject ImportedData(ImportedHost host, Entry? existing, Func<string, Guid?> connectionNamed, ImportSecrets secrets)
    {
        var data = new JsonObject { ["type"] = ConnectionTypes.Ssh.Id, ["host"] = host.Host, ["port"] = host.Port ?? 22 };
        var old = existing is null ? null : JsonNode.Parse(existing.RawData)?["identity"]?["identityStore"] as JsonObject;
        if (host.User is not null || host.IdentityFile is not null || host.Password is not null)
        {
            var identity = new JsonObject { ["type"] = "localIdentity", ["username"] = host.User };
            if (host.Password is not null)
            {
                identity["password"] = secrets.Seal(host.Password, old?["password"]);
            }

            if (host.IdentityFile is not null)
            {
                var key = new JsonObject { ["type"] = "file", ["file"] = host.IdentityFile }.ToJsonString();
                identity["sshIdentity"] = secrets.Seal(key, old?["sshIdentity"]);
            }

            data["identity"] = new JsonObject { ["type"] = "inPlace", ["identityStore"] = identity };
        }

        if (host.Gateway is not null)
        {
            data["gateway"] = connectionNamed(host.Gateway)?.ToString()
                ?? throw new ClientErrorException($"the gateway {host.Gateway} is neither a host of this import nor an ssh connection of the inventory");
        }

        return data;
    }

    /// <summary>The model, plus the entries an import is about to add, for reference checks.</summary>
    private sealed class PlannedEntries(InventoryModel model) : IEntryLookup
    {
        private readonly Dictionary<Guid, Entry> _planned = [];

        public void Add(Entry entry) => _planned[entry.Id] = entry;

        public Entry? FindEntry(Guid id) => _planned.TryGetValue(id, out var entry) ? entry : model.FindEntry(id);
    }
}
