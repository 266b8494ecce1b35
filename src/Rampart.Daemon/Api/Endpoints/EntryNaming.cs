namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// XPipe's two namings of the same API: "connection" (up to 23.x) and "store" (24.0). Input accepts every alias,
/// output uses the naming of the path that was called.
/// </summary>
public sealed record EntryNaming(string Id, string[] IdFields, string[] ListFields, string[] FilterFields)
{
    public static EntryNaming Connection { get; } = new(
        "connection", ["connection", "store", "uuid"], ["connections", "stores"], ["connectionFilter", "storeFilter"]);

    public static EntryNaming Store { get; } = new(
        "store", ["store", "connection", "uuid"], ["stores", "connections"], ["storeFilter", "connectionFilter"]);
}
