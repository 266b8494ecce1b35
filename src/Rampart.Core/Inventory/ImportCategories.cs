using Rampart.Core.Errors;

namespace Rampart.Core.Inventory;

/// <summary>
/// The categories an import puts hosts in: found by name below their parent, or planned as new ones (created only
/// if a host lands in or below them).
/// </summary>
internal sealed class ImportCategories(InventoryModel model, DateTimeOffset now)
{
    private readonly Dictionary<(Guid Parent, string Name), Category> _created = [];

    public IEnumerable<Category> Created => _created.Values;

    /// <summary>A category id, or a path below "all connections" (which may be spelled out); null is Default.</summary>
    public Guid Base(string? category)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return WellKnownIds.DefaultCategory;
        }

        if (Guid.TryParseExact(category, "D", out var id))
        {
            return model.FindCategory(id) is null ? throw new ClientErrorException($"Category with id {id} does not exist") : id;
        }

        var segments = category.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var root = model.FindCategory(WellKnownIds.AllConnections)!;
        if (segments.Count > 0 && string.Equals(segments[0], root.Name, StringComparison.OrdinalIgnoreCase))
        {
            segments.RemoveAt(0);
        }

        return Below(WellKnownIds.AllConnections, segments);
    }

    public Guid Below(Guid parent, IReadOnlyList<string> path)
    {
        var current = parent;
        foreach (var name in path)
        {
            EntryNames.Validate(name, "category");
            var existing = model.Categories.FirstOrDefault(c => c.ParentId == current && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                current = existing.Id;
                continue;
            }

            if (!_created.TryGetValue((current, name.ToLowerInvariant()), out var planned))
            {
                planned = new Category(Guid.NewGuid(), name, current, Category.DefaultConfigJson, now, now, now);
                _created[(current, name.ToLowerInvariant())] = planned;
            }

            current = planned.Id;
        }

        return current;
    }

    public bool IsAncestorOfAny(Guid category, IReadOnlySet<Guid> descendants) =>
        descendants.Any(d => Chain(d).Contains(category));

    public string PathOf(Guid category) => string.Join('/', Chain(category).Reverse().Select(c => Name(c)));

    private IEnumerable<Guid> Chain(Guid category)
    {
        for (Guid? current = category; current is { } id;)
        {
            yield return id;
            current = Find(id)?.ParentId;
        }
    }

    private Category? Find(Guid id) => model.FindCategory(id) ?? _created.Values.FirstOrDefault(c => c.Id == id);

    private string Name(Guid id) => Find(id)?.Name ?? id.ToString();
}
