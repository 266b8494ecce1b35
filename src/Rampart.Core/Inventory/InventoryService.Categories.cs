using Rampart.Core.Errors;

namespace Rampart.Core.Inventory;

public sealed partial class InventoryService
{
    /// <summary>
    /// <c>category/add</c>: a child of <paramref name="parentId"/>; a child of that exact name already there is returned
    /// instead (idempotent). Roots cannot be created.
    /// </summary>
    public Task<Guid> AddCategoryAsync(string name, Guid parentId, CancellationToken cancellationToken)
    {
        EntryNames.Validate(name, "category");
        return ChangeAsync(() =>
        {
            _ = _model.FindCategory(parentId) ?? throw new ClientErrorException($"Parent category with id {parentId} does not exist");
            var existing = _model.Categories.FirstOrDefault(c => c.ParentId == parentId && c.Name == name);
            if (existing is not null)
            {
                return (InventoryChange.Empty, existing.Id);
            }

            var now = _time.GetUtcNow();
            var category = new Category(Guid.NewGuid(), name, parentId, Category.DefaultConfigJson, now, now, now);
            return (new InventoryChange([category], [], [], []), category.Id);
        }, cancellationToken);
    }

    /// <summary>
    /// <c>category/remove</c>. Built-in categories cannot be removed. Child categories are removed too when asked,
    /// otherwise they move up to the parent. Entries are removed when asked (always below All scripts and All
    /// identities), otherwise they move to the parent, or to Default when the parent is a root.
    /// </summary>
    public Task RemoveCategoriesAsync(
        IReadOnlyList<Guid> ids, bool removeChildrenCategories, bool removeContents, CancellationToken cancellationToken)
    {
        return ChangeAsync(() => PlanCategoryRemoval(ids, removeChildrenCategories, removeContents), cancellationToken);
    }

    private (InventoryChange, bool) PlanCategoryRemoval(IReadOnlyList<Guid> ids, bool removeChildren, bool removeContents)
    {
        var targets = ids.Select(id => _model.FindCategory(id) ?? throw UnknownCategory(id)).ToList();
        foreach (var target in targets.Where(t => BuiltIns.IsProtected(t.Id)))
        {
            throw new ClientErrorException($"Cannot delete category: {target.Name}");
        }

        var doomed = new HashSet<Guid>(targets.Select(t => t.Id));
        if (removeChildren)
        {
            var pending = new Queue<Guid>(doomed);
            while (pending.TryDequeue(out var current))
            {
                foreach (var child in _model.Categories.Where(c => c.ParentId == current && doomed.Add(c.Id)))
                {
                    pending.Enqueue(child.Id);
                }
            }
        }

        // Where things in a removed category go: the nearest ancestor that survives.
        Guid Surviving(Guid id)
        {
            var current = _model.FindCategory(id);
            while (current is not null && doomed.Contains(current.Id))
            {
                current = current.ParentId is { } parent ? _model.FindCategory(parent) : null;
            }

            return current?.Id ?? WellKnownIds.AllConnections;
        }

        var now = _time.GetUtcNow();
        var movedCategories = _model.Categories
            .Where(c => !doomed.Contains(c.Id) && c.ParentId is { } parent && doomed.Contains(parent))
            .Select(c => c with { ParentId = Surviving(c.ParentId!.Value), LastModified = now })
            .ToList();

        var movedEntries = new List<Entry>();
        var removedEntries = new List<Guid>();
        foreach (var node in _model.Nodes.Where(n => doomed.Contains(n.Entry.CategoryId)))
        {
            var category = _model.FindCategory(node.Entry.CategoryId)!;
            var root = _model.CategoryChain(category)[0].Id;
            if (removeContents || root == WellKnownIds.AllScripts || root == WellKnownIds.AllIdentities)
            {
                removedEntries.AddRange(_model.WithDescendants(node.Entry.Id));
                continue;
            }

            var destination = Surviving(category.Id);
            if (_model.FindCategory(destination) is { ParentId: null })
            {
                destination = WellKnownIds.DefaultCategory;
            }

            movedEntries.Add(node.Entry with { CategoryId = destination, LastModified = now });
        }

        removedEntries.Remove(WellKnownIds.LocalMachine);
        var removedSet = removedEntries.ToHashSet();
        movedEntries.RemoveAll(e => removedSet.Contains(e.Id));
        return (new InventoryChange(movedCategories, [.. doomed], movedEntries, [.. removedSet]), true);
    }
}
