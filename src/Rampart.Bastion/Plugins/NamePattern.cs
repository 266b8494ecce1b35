using System.Text.RegularExpressions;

namespace Rampart.Bastion.Plugins;

/// <summary>
/// The <c>--include</c>/<c>--exclude</c> patterns of listing plugins: shell globs with <c>*</c> and <c>?</c>. As in
/// The Bastion (<c>build_re_from_wildcards</c> with <c>implicit_contains</c>), a pattern without any wildcard matches
/// the names that contain it.
/// </summary>
public static class NamePattern
{
    public static Regex Compile(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = glob.AsSpan().IndexOfAny('*', '?') < 0 ? "*" + glob + "*" : glob;
        return new Regex(
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}
