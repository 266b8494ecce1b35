using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Inventory.Types;

/// <summary>
/// The <c>identity</c> field of a connection: null, <c>{"type":"none"}</c>, <c>{"type":"ref","ref":uuid}</c> naming an
/// identity entry, or <c>{"type":"inPlace","identityStore":{localIdentity…}}</c>.
/// </summary>
public static class IdentityField
{
    public static void Validate(StoreFields fields, string field)
    {
        var identity = fields.OptionalObject(field);
        if (identity is null)
        {
            return;
        }

        var kind = identity["type"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw fields.Invalid(field, "must have a \"type\" of none, ref or inPlace");
        switch (kind)
        {
            case "none":
                break;
            case "ref":
                new StoreFields($"{field} reference", identity, fields.Lookup, null)
                    .RequireReference("ref", t => t.IsIdentity, "an identity");
                break;
            case "inPlace":
                var store = identity["identityStore"] as JsonObject
                    ?? throw fields.Invalid(field, "of type inPlace needs an \"identityStore\" object");
                LocalIdentityType.ValidateIdentity(new StoreFields("identityStore", store, fields.Lookup, null));
                break;
            default:
                throw fields.Invalid(field, $"has unknown identity type \"{kind}\" (expected none, ref or inPlace)");
        }
    }
}
