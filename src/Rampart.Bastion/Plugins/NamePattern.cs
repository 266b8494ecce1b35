using System.Text.RegularExpressions;

namespace Rampart.Bastion.Plugins;

/// <summary>The <c>--include</c>/<c>--exclude</c> patterns of listing plugins: shell globs with <c>*</c> and <c>?</c>.</summary>
public static class NamePattern
{
    public static Regex Compile(string glob) => new(
        "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
