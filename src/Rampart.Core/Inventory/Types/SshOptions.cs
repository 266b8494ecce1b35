using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Inventory.Types;

/// <summary>
/// <c>additionalOptions</c>: extra OpenSSH options, as an object of <c>Name: value</c>, an array of
/// <c>"Name=value"</c> strings, or one such string. Options that would run local commands or read arbitrary
/// local files are refused, because whoever may add a connection must not gain a shell on the gateway.
/// </summary>
public static class SshOptions
{
    private static readonly HashSet<string> s_forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "ProxyCommand", "LocalCommand", "PermitLocalCommand", "KnownHostsCommand", "Match", "Include",
        "PKCS11Provider", "SecurityKeyProvider", "SmartcardDevice", "ControlPath", "ControlMaster", "IdentityAgent",
        "UserKnownHostsFile", "GlobalKnownHostsFile", "StrictHostKeyChecking", "RemoteCommand",
    };

    public static void Validate(StoreFields fields, string field)
    {
        switch (fields.Data[field])
        {
            case null:
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckOption(fields, field, value.GetValue<string>());
                return;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not JsonValue itemValue || itemValue.GetValueKind() != JsonValueKind.String)
                    {
                        throw fields.Invalid(field, "must contain only \"Name=value\" strings");
                    }

                    CheckOption(fields, field, itemValue.GetValue<string>());
                }

                return;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    CheckName(fields, field, name);
                    if (value is not JsonValue || value.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        throw fields.Invalid(field, $"has option {name} whose value is not a string, number or boolean");
                    }
                }

                return;
            default:
                throw fields.Invalid(field, "must be an object, an array of \"Name=value\" strings, or null");
        }
    }

    private static void CheckOption(StoreFields fields, string field, string option)
    {
        var separator = option.IndexOfAny(['=', ' ']);
        CheckName(fields, field, separator < 0 ? option : option[..separator]);
    }

    private static void CheckName(StoreFields fields, string field, string name)
    {
        if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit))
        {
            throw fields.Invalid(field, $"has an invalid option name \"{name}\"");
        }

        if (s_forbidden.Contains(name))
        {
            throw fields.Invalid(field, $"may not set {name}: Rampart manages it or it would run local commands");
        }
    }
}
