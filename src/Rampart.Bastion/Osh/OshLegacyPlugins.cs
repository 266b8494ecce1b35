using System.Collections.Frozen;

namespace Rampart.Bastion.Osh;

/// <summary>Old plugin names the reference still accepts, and what they now are (exact, case-sensitive names).</summary>
public static class OshLegacyPlugins
{
    public static FrozenDictionary<string, string> Renamed { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["accountAddFullGroupAccess"] = "groupAddMember",
        ["accountDelFullGroupAccess"] = "groupDelMember",
        ["accountAddPartialGroupAccess"] = "groupAddGuestAccess",
        ["accountDelPartialGroupAccess"] = "groupDelGuestAccess",
        ["accountListPartialGroupAccess"] = "groupListGuestAccesses",
        ["selfListKeys"] = "selfListIngressKeys",
        ["selfAddKey"] = "selfAddIngressKey",
        ["selfDelKey"] = "selfDelIngressKey",
        ["selfListBastionKeys"] = "selfListEgressKeys",
        ["selfGenerateBastionKey"] = "selfGenerateEgressKey",
        ["selfAddPrivateAccess"] = "selfAddPersonalAccess",
        ["selfDelPrivateAccess"] = "selfDelPersonalAccess",
        ["accountAddPrivateAccess"] = "accountAddPersonalAccess",
        ["accountDelPrivateAccess"] = "accountDelPersonalAccess",
        ["accountListBastionKeys"] = "accountListEgressKeys",
        ["accountListKeys"] = "accountListIngressKeys",
        ["accountResetKeys"] = "accountResetIngressKeys",
        ["helloWorld"] = "info",
        ["groupGenerateEgressPassword"] = "groupGeneratePassword",
        ["groupListEgressPasswords"] = "groupListPasswords",
        ["selfListEgressPasswords"] = "selfListPasswords",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The current name for <paramref name="plugin"/> (itself when it is not a legacy name).</summary>
    public static string Translate(string plugin) => Renamed.GetValueOrDefault(plugin, plugin);
}
