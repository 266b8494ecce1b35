using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Core.Import;

/// <summary>
/// Hosts from JSON: an array of objects, or <c>{"hosts": [...]}</c>, with the CSV columns as fields (<c>host</c>
/// required; <c>name</c>, <c>port</c>, <c>user</c>, <c>category</c>, <c>identity</c>, <c>password</c>,
/// <c>gateway</c>). This is also what <c>rampart export json</c> writes.
/// </summary>
public static class JsonImport
{
    public static ParsedImport Parse(string text, string sourceName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new ParsedImport([], [new ImportProblem($"{sourceName}:{(e.LineNumber ?? 0) + 1}", "not valid JSON: " + e.Message)], []);
        }

        var items = root switch
        {
            JsonArray array => array,
            JsonObject { } obj when obj["hosts"] is JsonArray array => array,
            _ => null,
        };
        if (items is null)
        {
            return new ParsedImport([], [new ImportProblem($"{sourceName}:1", "expected an array of hosts, or {\"hosts\": [...]}")], []);
        }

        var hosts = new List<ImportedHost>();
        var problems = new List<ImportProblem>();
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"{sourceName}: item {(i + 1).ToString(CultureInfo.InvariantCulture)}";
            try
            {
                var item = items[i] as JsonObject ?? throw new FormatException("is not an object");
                var host = ImportFieldRules.Required(Text(item, "host"), "host");
                hosts.Add(new ImportedHost(
                    Text(item, "name") ?? host, host, ImportFieldRules.Port(Text(item, "port")), ImportFieldRules.Word(Text(item, "user"), "user"),
                    ImportFieldRules.CategoryPath(Text(item, "category")), Text(item, "identity"), Text(item, "password"), Text(item, "gateway"), where));
            }
            catch (FormatException e)
            {
                problems.Add(new ImportProblem(where, e.Message));
            }
        }

        return new ParsedImport(hosts, problems, []);
    }

    private static string? Text(JsonObject item, string field) => item[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => throw new FormatException($"field {field} must be a string"),
    };
}
