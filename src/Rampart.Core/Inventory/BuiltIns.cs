using Rampart.Core.Inventory.Types;

namespace Rampart.Core.Inventory;

/// <summary>XPipe's built-in categories and the local machine entry, with their fixed ids.</summary>
internal static class BuiltIns
{
    public const string LocalMachineName = "Local Machine";

    private static readonly (Guid Id, string Name, Guid? Parent)[] s_categories =
    [
        (WellKnownIds.AllConnections, "All connections", null),
        (WellKnownIds.DefaultCategory, "Default", WellKnownIds.AllConnections),
        (WellKnownIds.AllScripts, "All scripts", null),
        (WellKnownIds.CustomScripts, "Custom", WellKnownIds.AllScripts),
        (WellKnownIds.ScriptSources, "Sources", WellKnownIds.AllScripts),
        (WellKnownIds.AllIdentities, "All identities", null),
        (WellKnownIds.LocalIdentities, "Local", WellKnownIds.AllIdentities),
    ];

    /// <summary>Categories that cannot be deleted: the roots and the built-in children.</summary>
    public static bool IsProtected(Guid categoryId) => s_categories.Any(c => c.Id == categoryId);

    public static InventoryChange Missing(InventoryModel model, DateTimeOffset now)
    {
        var categories = s_categories
            .Where(c => model.FindCategory(c.Id) is null)
            .Select(c => new Category(c.Id, c.Name, c.Parent, Category.DefaultConfigJson, now, now, now))
            .ToList();
        var entries = new List<Entry>();
        if (model.FindEntry(WellKnownIds.LocalMachine) is null)
        {
            entries.Add(new Entry(
                WellKnownIds.LocalMachine, LocalMachineName, WellKnownIds.DefaultCategory, ConnectionTypes.Local.Id,
                """{"type":"local"}""", "{}", now, now, now, 0));
        }

        return new InventoryChange(categories, [], entries, []);
    }
}
