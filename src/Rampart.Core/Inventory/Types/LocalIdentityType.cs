using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Inventory.Types;

/// <summary>
/// <c>localIdentity</c>: a user name with an optional password and SSH key, the secrets given as vault-encrypted
/// objects (from <c>/secret/encrypt</c>). Connections refer to it with <c>{"type":"ref","ref":uuid}</c>.
/// </summary>
public sealed class LocalIdentityType : ConnectionType
{
    public override string Id => "localIdentity";

    public override string? UsageCategory => Types.UsageCategory.Identity;

    public override bool IsIdentity => true;

    public override Guid DefaultCategory => WellKnownIds.LocalIdentities;

    public override void Validate(StoreFields fields) => ValidateIdentity(fields);

    /// <summary>Shared with in-place identities inside ssh connections.</summary>
    public static void ValidateIdentity(StoreFields fields)
    {
        if (fields.Data["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            && type.GetValue<string>() != "localIdentity")
        {
            throw fields.Invalid("type", "must be localIdentity");
        }

        fields.OptionalCommandWord("username");
        CheckSecret(fields, "password");
        CheckSecret(fields, "sshIdentity");
    }

    private static void CheckSecret(StoreFields fields, string field)
    {
        if (fields.Data[field] is not (null or JsonObject))
        {
            throw fields.Invalid(field, "must be an encrypted secret object (from /secret/encrypt) or null");
        }
    }
}
