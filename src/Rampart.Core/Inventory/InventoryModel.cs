using System.Text.Json.Nodes;
using Rampart.Core.Inventory.Types;

namespace Rampart.Core.Inventory;

/// <summary>
/// The whole inventory in memory, with the indexes queries need: display hierarchy, store paths, category paths,
/// names and canonical store text. Not thread-safe: <see cref="InventoryService"/> guards it.
/// </summary>
internal sealed class InventoryModel : IEntryLookup
{
    private readonly Dictionary<Guid, Category> _categories = [];
    private readonly Dictionary<Guid, string> _categoryPaths = [];
    private readonly OrderedDictionary<Guid, EntryNode> _entries = [];
    private readonly Dictionary<string, Guid> _byCanonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _byTypeAndName = new(StringComparer.Ordinal);

    /// <summary>Store path (and legacy path) → entries, so a filter without wildcards is one lookup, not a scan.</summary>
    private readonly Dictionary<string, List<Guid>> _byPath = new(StringComparer.Ordinal);

    /// <summary>Host id → its "Services" group, so a service hangs under the group rather than the host.</summary>
    private readonly Dictionary<Guid, Guid> _servicesGroups = [];

    public long NextSequence { get; private set; } = 1;

    public IEnumerable<Category> Categories => _categories.Values;

    public IEnumerable<EntryNode> Nodes => _entries.Values;

    public int EntryCount => _entries.Count;

    public Entry? FindEntry(Guid id) => _entries.TryGetValue(id, out var node) ? node.Entry : null;

    public EntryNode? FindNode(Guid id) => _entries.GetValueOrDefault(id);

    public Category? FindCategory(Guid id) => _categories.GetValueOrDefault(id);

    public string CategoryPath(Guid id) => _categoryPaths.GetValueOrDefault(id, "");

    public Guid? FindEqualStore(string canonical) => _byCanonical.TryGetValue(canonical, out var id) ? id : null;

    public Guid? FindByTypeAndName(string type, string name) =>
        _byTypeAndName.TryGetValue(TypeAndName(type, name), out var id) ? id : null;

    /// <summary>Entries whose path or legacy path is exactly this lower-case text.</summary>
    public IReadOnlyList<Guid> FindByPath(string path) => _byPath.TryGetValue(path, out var ids) ? ids : [];

    public Guid? FindServicesGroup(Guid host) => _servicesGroups.TryGetValue(host, out var id) ? id : null;

    /// <summary>The entry and every entry shown below it, parents before children.</summary>
    public IEnumerable<Guid> WithDescendants(Guid id)
    {
        var pending = new Stack<Guid>();
        pending.Push(id);
        var seen = new HashSet<Guid>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current) || !_entries.TryGetValue(current, out var node))
            {
                continue;
            }

            yield return current;
            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }
    }

    public void Apply(InventoryChange change)
    {
        foreach (var category in change.UpsertedCategories)
        {
            _categories[category.Id] = category;
        }

        foreach (var id in change.DeletedCategories)
        {
            _categories.Remove(id);
        }

        if (change.UpsertedCategories.Count > 0 || change.DeletedCategories.Count > 0)
        {
            RecomputeCategoryPaths();
        }

        foreach (var id in change.DeletedEntries)
        {
            RemoveEntry(id);
        }

        var touched = new List<EntryNode>(change.UpsertedEntries.Count);
        foreach (var entry in change.UpsertedEntries)
        {
            touched.Add(PutEntry(entry));
        }

        // Links are resolved after all upserts, so a parent added in the same change (a services group) is found.
        foreach (var node in touched)
        {
            Link(node);
        }

        var dirty = new HashSet<Guid>();
        foreach (var node in touched)
        {
            dirty.UnionWith(WithDescendants(node.Entry.Id));
        }

        foreach (var id in dirty)
        {
            ComputePath(_entries[id], dirty, []);
        }
    }

    private EntryNode PutEntry(Entry entry)
    {
        if (_entries.TryGetValue(entry.Id, out var node))
        {
            Unindex(node);
            node.Entry = entry;
        }
        else
        {
            node = new EntryNode(entry);
            _entries.Add(entry.Id, node);
        }

        NextSequence = Math.Max(NextSequence, entry.Sequence + 1);
        var data = ParseData(entry.RawData);
        node.Canonical = StoreCanonicalizer.Canonicalize(data);
        _byCanonical.TryAdd(node.Canonical, entry.Id);
        _byTypeAndName.TryAdd(TypeAndName(entry.Type, entry.Name), entry.Id);
        if (entry.Type == ConnectionTypes.CustomServiceGroup.Id && ConnectionTypes.CustomServiceGroup.DisplayParent(data) is { } host)
        {
            _servicesGroups.TryAdd(host, entry.Id);
        }

        return node;
    }

    private void RemoveEntry(Guid id)
    {
        if (!_entries.TryGetValue(id, out var node))
        {
            return;
        }

        Unindex(node);
        IndexPaths(node, add: false);
        if (node.ParentId is { } parent && _entries.TryGetValue(parent, out var parentNode))
        {
            parentNode.Children.Remove(id);
        }

        _entries.Remove(id);
    }

    private void Unindex(EntryNode node)
    {
        RemoveIfPointsTo(_byCanonical, node.Canonical, node.Entry.Id);
        RemoveIfPointsTo(_byTypeAndName, TypeAndName(node.Entry.Type, node.Entry.Name), node.Entry.Id);
        foreach (var (host, group) in _servicesGroups.Where(p => p.Value == node.Entry.Id).ToList())
        {
            _servicesGroups.Remove(host);
        }
    }

    private void Link(EntryNode node)
    {
        if (node.ParentId is { } oldParent && _entries.TryGetValue(oldParent, out var oldParentNode))
        {
            oldParentNode.Children.Remove(node.Entry.Id);
        }

        var type = ConnectionTypes.Get(node.Entry.Type);
        var parent = type.DisplayParent(ParseData(node.Entry.RawData));
        if (type is CustomServiceType && parent is { } host && FindServicesGroup(host) is { } group)
        {
            parent = group;
        }

        node.ParentId = parent is { } p && _entries.ContainsKey(p) && p != node.Entry.Id ? p : null;
        if (node.ParentId is { } newParent)
        {
            _entries[newParent].Children.Add(node.Entry.Id);
        }
    }

    /// <summary>Computes a node's path from its parent's, computing a dirty parent first; a cycle is cut at the top.</summary>
    private void ComputePath(EntryNode node, HashSet<Guid> dirty, HashSet<Guid> visiting)
    {
        if (!dirty.Contains(node.Entry.Id))
        {
            return;
        }

        visiting.Add(node.Entry.Id);
        EntryNode? parent = null;
        if (node.ParentId is { } parentId && !visiting.Contains(parentId) && _entries.TryGetValue(parentId, out parent))
        {
            ComputePath(parent, dirty, visiting);
        }

        IndexPaths(node, add: false);
        node.Path = StorePaths.Join(parent?.Path, node.Entry.Name);
        node.LegacyPath = parent is null
            ? null
            : parent.Entry.Id == WellKnownIds.LocalMachine
                ? StorePaths.Segment(node.Entry.Name)
                : parent.LegacyPath is null ? null : StorePaths.Join(parent.LegacyPath, node.Entry.Name);
        IndexPaths(node, add: true);
        dirty.Remove(node.Entry.Id);
        visiting.Remove(node.Entry.Id);
    }

    private void IndexPaths(EntryNode node, bool add)
    {
        foreach (var path in new[] { node.Path, node.LegacyPath })
        {
            if (string.IsNullOrEmpty(path))
            {
                continue;
            }

            if (add)
            {
                if (!_byPath.TryGetValue(path, out var ids))
                {
                    _byPath[path] = ids = [];
                }

                if (!ids.Contains(node.Entry.Id))
                {
                    ids.Add(node.Entry.Id);
                }
            }
            else if (_byPath.TryGetValue(path, out var ids) && ids.Remove(node.Entry.Id) && ids.Count == 0)
            {
                _byPath.Remove(path);
            }
        }
    }

    private void RecomputeCategoryPaths()
    {
        _categoryPaths.Clear();
        foreach (var category in _categories.Values)
        {
            _categoryPaths[category.Id] = string.Join('/', CategoryChain(category).Select(c => StorePaths.Segment(c.Name)));
        }
    }

    /// <summary>The chain from the root down to the category; an unknown parent ends the chain.</summary>
    public List<Category> CategoryChain(Category category)
    {
        var chain = new List<Category>();
        var seen = new HashSet<Guid>();
        for (var current = category; current is not null && seen.Add(current.Id);
             current = current.ParentId is { } parent ? _categories.GetValueOrDefault(parent) : null)
        {
            chain.Add(current);
        }

        chain.Reverse();
        return chain;
    }

    private static JsonObject ParseData(string rawData) =>
        JsonNode.Parse(rawData) as JsonObject ?? throw new InvalidOperationException("Stored store data is not a JSON object.");

    private static string TypeAndName(string type, string name) => string.Concat(type, "\n", name.ToLowerInvariant());

    private static void RemoveIfPointsTo(Dictionary<string, Guid> index, string key, Guid id)
    {
        if (index.TryGetValue(key, out var current) && current == id)
        {
            index.Remove(key);
        }
    }
}
