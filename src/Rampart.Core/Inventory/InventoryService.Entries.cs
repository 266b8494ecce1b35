using System.Text.Json.Nodes;
using Rampart.Core.Errors;
using Rampart.Core.Inventory.Types;

namespace Rampart.Core.Inventory;

public sealed partial class InventoryService
{
    private const string ServicesGroupName = "Services";

    /// <summary>
    /// <c>connection/add</c>, with XPipe's semantics: an equal store returns its id unchanged; an entry of the same type
    /// and name (case-insensitive) gets the new data; otherwise a new entry. Store JSON is kept exactly as given.
    /// </summary>
    public Task<AddEntryResult> AddEntryAsync(string name, JsonObject data, Guid? categoryId, CancellationToken cancellationToken)
    {
        EntryNames.Validate(name, "connection");
        var type = TypeOf(data);
        var rawData = data.ToJsonString();
        var canonical = StoreCanonicalizer.Canonicalize(data);
        return ChangeAsync(() => PlanAdd(name, data, rawData, canonical, type, categoryId), cancellationToken);
    }

    /// <summary>
    /// Checks store data as <see cref="AddEntryAsync"/> would, without adding anything, and returns the entry it would
    /// describe, so a caller can connect to it first (<c>validate: true</c>).
    /// </summary>
    public Entry Preview(string name, JsonObject data)
    {
        EntryNames.Validate(name, "connection");
        var type = TypeOf(data);
        return Read(() =>
        {
            var existing = _model.FindByTypeAndName(type.Id, name);
            type.Validate(new StoreFields(type.Id, data, _model, existing));
            var now = _time.GetUtcNow();
            return new Entry(existing ?? Guid.NewGuid(), name, type.DefaultCategory, type.Id, data.ToJsonString(), "{}", now, now, now, 0);
        });
    }

    private static ConnectionType TypeOf(JsonObject data) =>
        StoreJson.Text(data["type"]) is { Length: > 0 } typeId
            ? ConnectionTypes.Get(typeId)
            : throw new ClientErrorException("Unable to parse store data into valid store: field \"type\" is missing");

    private (InventoryChange, AddEntryResult) PlanAdd(
        string name, JsonObject data, string rawData, string canonical, ConnectionType type, Guid? categoryId)
    {
        if (categoryId is { } requested && _model.FindCategory(requested) is null)
        {
            throw new ClientErrorException($"Category with id {requested} does not exist");
        }

        if (_model.FindEqualStore(canonical) is { } equal && _model.FindEntry(equal)!.Type == type.Id)
        {
            return (InventoryChange.Empty, new AddEntryResult(equal, AddEntryOutcome.AlreadyPresent));
        }

        if (type is LocalMachineType)
        {
            throw new ClientErrorException("There is only one local machine; it cannot be added again");
        }

        var existing = _model.FindByTypeAndName(type.Id, name) is { } sameName ? _model.FindEntry(sameName) : null;
        if (existing?.Id == WellKnownIds.LocalMachine)
        {
            existing = null;
        }

        type.Validate(new StoreFields(type.Id, data, _model, existing?.Id));
        var now = _time.GetUtcNow();
        var entry = existing is null
            ? new Entry(Guid.NewGuid(), name, categoryId ?? type.DefaultCategory, type.Id, rawData, "{}", now, now, now, _model.NextSequence)
            : existing with { RawData = rawData, CategoryId = categoryId ?? existing.CategoryId, LastModified = now };
        var upserts = new List<Entry>();
        if (type is CustomServiceType && type.DisplayParent(data) is { } host && _model.FindServicesGroup(host) is null)
        {
            // XPipe shows services in a "Services" group under their host; make it on first use.
            upserts.Add(new Entry(
                Guid.NewGuid(), ServicesGroupName, entry.CategoryId, ConnectionTypes.CustomServiceGroup.Id,
                new JsonObject { ["type"] = ConnectionTypes.CustomServiceGroup.Id, ["parent"] = host.ToString() }.ToJsonString(),
                "{}", now, now, now, entry.Sequence));
            entry = entry with { Sequence = entry.Sequence + 1 };
        }

        upserts.Add(entry);
        var outcome = existing is null ? AddEntryOutcome.Added : AddEntryOutcome.Updated;
        return (new InventoryChange([], [], upserts, []), new AddEntryResult(entry.Id, outcome));
    }

    /// <summary>
    /// <c>connection/remove</c>: removes the entries and everything shown below them. Unknown ids fail the whole call
    /// before anything changes; the local machine is skipped silently, as in XPipe.
    /// </summary>
    public Task RemoveEntriesAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        return ChangeAsync(() =>
        {
            foreach (var id in ids)
            {
                _ = _model.FindEntry(id) ?? throw UnknownConnection(id);
            }

            var doomed = ids.Where(id => id != WellKnownIds.LocalMachine)
                .SelectMany(_model.WithDescendants)
                .Where(id => id != WellKnownIds.LocalMachine)
                .Distinct()
                .ToList();
            return (new InventoryChange([], [], [], doomed), true);
        }, cancellationToken);
    }

    /// <summary>Records what was learned about an entry (for shells: OS and dialect), and when it was used.</summary>
    public Task UpdateStateAsync(Guid id, JsonObject state, CancellationToken cancellationToken)
    {
        var stateJson = state.ToJsonString();
        return ChangeAsync(() =>
        {
            var entry = _model.FindEntry(id) ?? throw UnknownConnection(id);
            var updated = entry with { StateJson = stateJson, LastUsed = _time.GetUtcNow() };
            return (new InventoryChange([], [], [updated], []), true);
        }, cancellationToken);
    }
}
