namespace Rampart.Core.Bastion.Names;

/// <summary>
/// Group name rules for the short name users type (G, whose system group is <c>keyG</c>): the reference's
/// <c>is_valid_group</c> with group type "key", in its order, plus the two checks of the plugin level (no leading
/// "key", no leading '-' or '.'). Codes: ERR_MISSING_PARAMETER, KO_FORBIDDEN_PREFIX, KO_FORBIDDEN_SUFFIX,
/// KO_FORBIDDEN_NAME, KO_NAME_TOO_LONG.
/// </summary>
public static class GroupName
{
    public const int MaxLength = 18;

    /// <summary>The OS groups of G are keyG, keyG-aclkeeper, keyG-gatekeeper, keyG-owner.</summary>
    public const string SystemPrefix = "key";

    public const string KeyPrefixMessage = "The group name can't start with 'key' (reserved prefix)";

    private static readonly string[] Reserved = ["private", "root", "user", "self", "legacy", "osh"];

    public static string SystemName(string shortName) => SystemPrefix + shortName;

    /// <summary>
    /// Whether the name starts with "key" (case-sensitive, as the reference): groupCreate refuses it before any other
    /// check with ERR_INVALID_PARAMETER and <see cref="KeyPrefixMessage"/> (functional scenario 16), because
    /// elsewhere "keyG" is read as the system name of G. <see cref="Check"/> reports it as KO_FORBIDDEN_PREFIX with
    /// that same message; a plugin wanting the reference's code tests this first and maps it.
    /// </summary>
    public static bool HasKeyPrefix(string name) =>
        name is not null && name.StartsWith(SystemPrefix, StringComparison.Ordinal);

    public static NameCheck Check(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return NameCheck.Refused("ERR_MISSING_PARAMETER", "Missing parameter 'group'");
        }

        if (HasKeyPrefix(name))
        {
            return NameCheck.Refused("KO_FORBIDDEN_PREFIX", KeyPrefixMessage);
        }

        // Any name ending like a role group would collide with the role groups of another group.
        if (name.EndsWith("keeper", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("owner", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-tty", StringComparison.OrdinalIgnoreCase))
        {
            return NameCheck.Refused("KO_FORBIDDEN_SUFFIX", "Forbidden suffix in group name");
        }

        if (name[0] is '-' or '.')
        {
            return NameCheck.Refused("KO_FORBIDDEN_PREFIX", "Group name can't start with a '-' nor a '.'");
        }

        if (Reserved.Contains(name, StringComparer.Ordinal))
        {
            return NameCheck.Refused("KO_FORBIDDEN_NAME", "Forbidden group name");
        }

        if (!name.All(AccountName.IsNameChar))
        {
            return NameCheck.Refused("KO_FORBIDDEN_NAME", "Group name contains invalid characters");
        }

        if (SystemName(name).Length > 32)
        {
            return NameCheck.Refused("KO_NAME_TOO_LONG", "Group name is too long (system limit)");
        }

        // 18 = 32 minus "key" and "-gatekeeper".
        if (name.Length > MaxLength)
        {
            return NameCheck.Refused("KO_NAME_TOO_LONG", $"Group name is too long (limit is {MaxLength} chars)");
        }

        return NameCheck.Valid;
    }
}
