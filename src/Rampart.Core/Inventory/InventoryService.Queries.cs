using Rampart.Core.Inventory.Types;

namespace Rampart.Core.Inventory;

public sealed partial class InventoryService
{
    /// <summary>
    /// <c>connection/query</c>: ids of the entries whose category path, store path and type match the three globs,
    /// in insertion order.
    /// </summary>
    public IReadOnlyList<Guid> QueryEntries(string categoryFilter, string connectionFilter, string typeFilter)
    {
        var categoryMatches = _filters.CategoryMatcher(categoryFilter);
        var connectionGlob = _filters.ConnectionGlob(connectionFilter);
        var typeGlob = _filters.TypeGlob(typeFilter);
        return Read(() =>
        {
            // Categories and types are few: decide each once, then each entry costs two lookups and one match.
            var categories = _model.Categories.Where(c => categoryMatches(_model.CategoryPath(c.Id))).Select(c => c.Id).ToHashSet();
            var types = new Dictionary<string, bool>(StringComparer.Ordinal);
            var found = new List<Guid>();
            if (categories.Count == 0)
            {
                return found;
            }

            // A filter without wildcards names paths: look them up instead of scanning every entry.
            var candidates = connectionGlob.Literal is { } literal
                ? _model.FindByPath(literal).Select(id => _model.FindNode(id)!).OrderBy(n => n.Entry.Sequence)
                : _model.Nodes;
            foreach (var node in candidates)
            {
                var entry = node.Entry;
                if (!categories.Contains(entry.CategoryId))
                {
                    continue;
                }

                if (!types.TryGetValue(entry.Type, out var typeMatches))
                {
                    typeMatches = typeGlob.IsMatch(entry.Type);
                    types[entry.Type] = typeMatches;
                }

                // Store paths are lower-case by construction, so the glob can skip its own lower-casing.
                if (typeMatches && (connectionGlob.MatchesEverything || connectionGlob.IsMatchLowerCase(node.Path)
                                    || (node.LegacyPath is { } legacy && connectionGlob.IsMatchLowerCase(legacy))))
                {
                    found.Add(entry.Id);
                }
            }

            return found;
        });
    }

    /// <summary><c>connection/info</c>; an unknown id fails the whole call with "Unknown connection: id".</summary>
    public IReadOnlyList<EntryInfo> GetEntries(IReadOnlyList<Guid> ids) => Read(() => ids.Select(DescribeEntry).ToList());

    public EntryInfo GetEntry(Guid id) => Read(() => DescribeEntry(id));

    /// <summary>The entry or null, for callers that handle absence themselves.</summary>
    public Entry? FindEntry(Guid id) => Read(() => _model.FindEntry(id));

    /// <summary><c>category/query</c>: ids of the categories whose full path (root included) matches.</summary>
    public IReadOnlyList<Guid> QueryCategories(string filter)
    {
        var matches = _filters.CategoryMatcher(filter);
        return Read(() => _model.Categories.Where(c => matches(_model.CategoryPath(c.Id))).Select(c => c.Id).ToList());
    }

    public IReadOnlyList<CategoryInfo> GetCategories(IReadOnlyList<Guid> ids) => Read(() => ids.Select(id =>
    {
        var category = _model.FindCategory(id) ?? throw UnknownCategory(id);
        return new CategoryInfo(category, StorePaths.Split(_model.CategoryPath(id)));
    }).ToList());

    private EntryInfo DescribeEntry(Guid id)
    {
        var node = _model.FindNode(id) ?? throw UnknownConnection(id);
        var categoryPath = StorePaths.Split(_model.CategoryPath(node.Entry.CategoryId));
        return new EntryInfo(
            node.Entry,
            categoryPath.Length > 1 ? categoryPath[1..] : [],
            StorePaths.Split(node.Path),
            ConnectionTypes.Get(node.Entry.Type).UsageCategory);
    }
}
