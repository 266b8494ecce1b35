namespace Rampart.Core.Bastion.Names;

/// <summary>
/// Account name rules of the reference's <c>is_account_valid</c> (normal accounts), checked in its order so the
/// first failing rule gives the same code and message. Codes: ERR_MISSING_PARAMETER, KO_REALM_FORBIDDEN,
/// KO_FORBIDDEN_PREFIX, KO_FORBIDDEN_SUFFIX, KO_FORBIDDEN_NAME, KO_TOO_SMALL, KO_TOO_LONG, KO_FORBIDDEN_CHARS.
/// </summary>
public static class AccountName
{
    public const int MinLength = 2;

    /// <summary>32 (the system limit) minus the "-tty" of the group every account gets.</summary>
    public const int MaxLength = 28;

    private static readonly string[] ForbiddenSuffixes = ["-tty", "-aclkeeper", "-gatekeeper", "-owner"];

    private static readonly string[] Reserved =
        ["root", "proxyhttp", "keykeeper", "passkeeper", "logkeeper", "realm", "realm_realm"];

    /// <summary>A local account name (what accountCreate takes): a realm citizen's <c>realm/remote</c> is refused.</summary>
    public static NameCheck Check(string name) => Check(name, allowRealmCitizen: false);

    /// <summary>
    /// With <paramref name="allowRealmCitizen"/>, also <c>realm/remote</c> (realm part <c>[a-zA-Z0-9-]</c>, at most
    /// 26 so that <c>realm_</c> + it fits 32; remote part 2..28 of <c>[a-zA-Z0-9._-]</c>).
    /// </summary>
    public static NameCheck Check(string name, bool allowRealmCitizen)
    {
        if (string.IsNullOrEmpty(name))
        {
            return NameCheck.Refused("ERR_MISSING_PARAMETER", "Missing parameter 'account'");
        }

        if (!allowRealmCitizen && name.Contains('/', StringComparison.Ordinal))
        {
            return NameCheck.Refused("KO_REALM_FORBIDDEN", "Account name must not contain any '/'");
        }

        if (name[0] is '-' or '.')
        {
            return NameCheck.Refused("KO_FORBIDDEN_PREFIX", "Account name must not start with a '-' nor a '.'");
        }

        if (ForbiddenSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
        {
            return NameCheck.Refused("KO_FORBIDDEN_SUFFIX", "Account name contains an unauthorized suffix");
        }

        // "key" is refused in any case, "realm_" only in lower case: both as the reference has them.
        if (name.StartsWith("key", StringComparison.OrdinalIgnoreCase))
        {
            return NameCheck.Refused("KO_FORBIDDEN_PREFIX", "Account name contains an unauthorized key prefix");
        }

        if (name.StartsWith("realm_", StringComparison.Ordinal))
        {
            return NameCheck.Refused("KO_FORBIDDEN_PREFIX", "Account name contains an unauthorized realm prefix");
        }

        if (Reserved.Contains(name, StringComparer.Ordinal))
        {
            return NameCheck.Refused("KO_FORBIDDEN_NAME", "Account name is reserved");
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var realm = name[..slash];
            var remote = name[(slash + 1)..];
            if (realm.Length > 0 && realm.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                && remote.Length > 0 && remote.All(IsNameChar))
            {
                return CheckRealmCitizen(name, realm, remote);
            }
        }
        else if (name.All(IsNameChar))
        {
            if (name.Length < MinLength)
            {
                return NameCheck.Refused("KO_TOO_SMALL", $"Account name is too small, length({name}) < {MinLength}");
            }

            if (name.Length > MaxLength)
            {
                return NameCheck.Refused("KO_TOO_LONG", $"Account name is too long, length({name}) > {MaxLength}");
            }

            return NameCheck.Valid;
        }

        return NameCheck.Refused("KO_FORBIDDEN_CHARS", $"Account name contains forbidden characters {name}");
    }

    internal static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static NameCheck CheckRealmCitizen(string name, string realm, string remote)
    {
        if ("realm_".Length + realm.Length > 32)
        {
            return NameCheck.Refused("KO_TOO_LONG", $"Account name is too long, length(realm_{realm}) > 32");
        }

        if (realm.Length < MinLength)
        {
            // "too long" is the reference's own wording for this case.
            return NameCheck.Refused("KO_TOO_SMALL", $"Account name is too long, length({realm}) < {MinLength}");
        }

        if (remote.Length > MaxLength)
        {
            return NameCheck.Refused(
                "KO_TOO_LONG", $"Remote account name is too long, length({remote}) > {MaxLength}");
        }

        if (remote.Length < MinLength)
        {
            return NameCheck.Refused(
                "KO_TOO_SMALL", $"Remote account name is too short, length({remote}) < {MinLength}");
        }

        return NameCheck.Valid;
    }
}
