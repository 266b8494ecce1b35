namespace Rampart.Store.Sqlite;

/// <summary>One schema step. Versions only grow; a released migration is never edited, only followed by another.</summary>
public sealed record Migration(int Version, string Name, string Sql);
