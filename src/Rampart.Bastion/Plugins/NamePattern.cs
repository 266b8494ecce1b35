using System.Text.RegularExpressions;

namespace Rampart.Bastion.Plugins;

/// <summary>
/// The <c>--include</c>/<c>--exclude</c> patterns of listing plugins, as the reference's <c>build_re_from_wildcards</c>
/// builds them: shell globs with <c>*</c> and <c>?</c> matching the whole text, and a pattern without any wildcard
/// meaning "contains" (<c>web</c> is <c>*web*</c>).
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
