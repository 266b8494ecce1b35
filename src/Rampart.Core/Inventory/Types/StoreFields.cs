using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Errors;

namespace Rampart.Core.Inventory.Types;

/// <summary>
/// Field readers for store JSON that fail with one clear client error naming the type and the field.
/// </summary>
public sealed class StoreFields(string typeId, JsonObject data, IEntryLookup lookup, Guid? selfId)
{
    public JsonObject Data => data;

    public IEntryLookup Lookup => lookup;

    public ClientErrorException Invalid(string field, string problem) =>
        new($"Invalid {typeId} data: field \"{field}\" {problem}");

    public string RequireString(string field)
    {
        return OptionalString(field) is { Length: > 0 } text
            ? text
            : throw Invalid(field, "is missing or empty");
    }

    public string? OptionalString(string field)
    {
        var node = data[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw Invalid(field, "must be a string");
    }

    /// <summary>
    /// A value that ends up as one argument of an OpenSSH command line: it may not start with '-'
    /// (it would be read as an option) nor contain white space or control characters.
    /// </summary>
    public string? OptionalCommandWord(string field)
    {
        var text = OptionalString(field);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0 || text.StartsWith('-') || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw Invalid(field, "must be a non-empty word that does not start with '-' and has no spaces");
        }

        return text;
    }

    public string RequireCommandWord(string field) =>
        OptionalCommandWord(field) ?? throw Invalid(field, "is missing or empty");

    public bool? OptionalBool(string field)
    {
        return data[field] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
            JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
            _ => throw Invalid(field, "must be true or false"),
        };
    }

    public int? OptionalPort(string field)
    {
        var node = data[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var port)
            && port is >= 1 and <= 65535)
        {
            return port;
        }

        throw Invalid(field, "must be a port number between 1 and 65535");
    }

    public int RequirePort(string field) => OptionalPort(field) ?? throw Invalid(field, "is missing");

    public JsonObject? OptionalObject(string field)
    {
        return data[field] switch
        {
            null => null,
            JsonObject obj => obj,
            _ => throw Invalid(field, "must be an object"),
        };
    }

    /// <summary>Reads a reference to another entry and checks that it exists and, optionally, what it is.</summary>
    public Entry? OptionalReference(string field, Func<ConnectionType, bool>? accept = null, string? expected = null)
    {
        Guid? id;
        try
        {
            id = StoreReference.Read(data[field]);
        }
        catch (FormatException e)
        {
            throw Invalid(field, e.Message);
        }

        if (id is null)
        {
            return null;
        }

        if (id == selfId)
        {
            throw Invalid(field, "refers to the connection itself");
        }

        var target = lookup.FindEntry(id.Value) ?? throw Invalid(field, $"refers to unknown connection {id}");
        if (accept is not null && !accept(ConnectionTypes.Get(target.Type)))
        {
            throw Invalid(field, $"must refer to {expected}, but {id} is of type {target.Type}");
        }

        return target;
    }

    public Entry RequireReference(string field, Func<ConnectionType, bool>? accept = null, string? expected = null) =>
        OptionalReference(field, accept, expected) ?? throw Invalid(field, "is missing");
}
