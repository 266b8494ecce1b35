using Rampart.Core.Errors;

namespace Rampart.Core.Inventory.Globs;

/// <summary>A filter that is not a valid glob: a client error, reported with what is wrong.</summary>
public sealed class GlobSyntaxException(string pattern, string problem)
    : ClientErrorException($"Invalid glob \"{pattern}\": {problem}");
