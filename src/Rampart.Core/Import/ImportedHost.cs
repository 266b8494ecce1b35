namespace Rampart.Core.Import;

/// <summary>One server read from an import source, before it becomes an ssh connection.</summary>
/// <param name="CategoryPath">Categories below the import's base category, outermost first; empty for the base itself.</param>
/// <param name="IdentityFile">A private key file on the daemon's machine; goes into the vault as the identity's key.</param>
/// <param name="Password">A login password from the source; goes into the vault, never stored in clear.</param>
/// <param name="Gateway">The name of another connection (of this import or already in the inventory) to jump through.</param>
/// <param name="Source">Where it was read, for messages: "file:line".</param>
public sealed record ImportedHost(
    string Name,
    string Host,
    int? Port,
    string? User,
    IReadOnlyList<string> CategoryPath,
    string? IdentityFile,
    string? Password,
    string? Gateway,
    string Source);
