namespace Rampart.Core.Inventory;

/// <summary>An entry with what the model derives from it: its place in the display hierarchy and its paths.</summary>
internal sealed class EntryNode(Entry entry)
{
    public Entry Entry { get; set; } = entry;

    /// <summary>The display parent, resolved (a service's parent is its host's "Services" group).</summary>
    public Guid? ParentId { get; set; }

    public List<Guid> Children { get; } = [];

    /// <summary>Lower-case store path, e.g. <c>local machine/services/web</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// The path as XPipe ≤ 16.2 wrote it for entries below the local machine (without <c>local machine/</c>),
    /// which older clients still query; null for other entries.
    /// </summary>
    public string? LegacyPath { get; set; }

    /// <summary>Canonical store text for recognising an equal store.</summary>
    public string Canonical { get; set; } = "";
}
