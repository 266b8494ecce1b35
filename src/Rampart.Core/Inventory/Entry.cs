namespace Rampart.Core.Inventory;

/// <summary>
/// One inventory entry (XPipe calls it a store): a connection, an identity, a service, a group.
/// </summary>
/// <param name="RawData">The store JSON exactly as it was added, including its <c>"type"</c>.</param>
/// <param name="StateJson">Persistent state learned about the entry (for shells: OS, dialect…), a JSON object.</param>
/// <param name="Sequence">Insertion order; queries return entries in this order, as XPipe iterates its vault.</param>
public sealed record Entry(
    Guid Id,
    string Name,
    Guid CategoryId,
    string Type,
    string RawData,
    string StateJson,
    DateTimeOffset Created,
    DateTimeOffset LastUsed,
    DateTimeOffset LastModified,
    long Sequence);
