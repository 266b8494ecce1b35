namespace Rampart.Core.Import;

/// <summary>A file named by an ssh config <c>Include</c>, as the caller read it.</summary>
public sealed record IncludedFile(string Path, string Text);
