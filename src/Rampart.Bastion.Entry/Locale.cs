using System.Collections;

namespace Rampart.Bastion.Entry;

/// <summary>The client's locale variables, which sshd accepted from it (<c>AcceptEnv LANG LC_*</c>); the daemon checks them again.</summary>
internal static class Locale
{
    public static IReadOnlyDictionary<string, string> FromEnvironment()
    {
        // Sorted, so the hello is the same bytes for the same environment.
        var locale = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && variable.Value is string value
                && (name == "LANG" || (name.StartsWith("LC_", StringComparison.Ordinal) && !name.StartsWith("LC_BASTION", StringComparison.Ordinal))))
            {
                locale[name] = value;
            }
        }

        return locale;
    }
}
