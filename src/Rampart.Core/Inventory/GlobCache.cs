using System.Collections.Concurrent;
using Rampart.Core.Inventory.Globs;

namespace Rampart.Core.Inventory;

/// <summary>
/// Compiled globs by pattern: clients repeat the same few filters, and compiling one costs far more than matching.
/// Bounded, so arbitrary filters cannot grow it without limit.
/// </summary>
public sealed class GlobCache
{
    private const int MaxEntries = 1024;
    private readonly ConcurrentDictionary<string, Glob> _globs = new(StringComparer.Ordinal);

    public Glob Get(string pattern)
    {
        if (_globs.TryGetValue(pattern, out var glob))
        {
            return glob;
        }

        glob = Glob.Parse(pattern);
        if (_globs.Count >= MaxEntries)
        {
            _globs.Clear();
        }

        _globs[pattern] = glob;
        return glob;
    }
}
