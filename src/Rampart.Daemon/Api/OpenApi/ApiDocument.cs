using System.Net;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Rampart.Daemon.Api.OpenApi;

/// <summary>
/// The hand-written OpenAPI document embedded in the daemon, and a readable HTML rendering of it. A test keeps its
/// paths and the routes the daemon maps in step.
/// </summary>
public sealed class ApiDocument
{
    public ApiDocument()
    {
        using var stream = typeof(ApiDocument).Assembly.GetManifestResourceStream("openapi.yaml")
            ?? throw new InvalidOperationException("The embedded openapi.yaml is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Yaml = reader.ReadToEnd();
        Html = Render(Yaml);
    }

    public string Yaml { get; }

    public string Html { get; }

    private static string Render(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var info = (YamlMappingNode)root["info"];
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Rampart API</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
            .Append("h2{border-bottom:1px solid #ddd;padding-bottom:.3rem}code,pre{background:#f4f4f4;padding:.1rem .3rem}")
            .Append(".op{margin:1.2rem 0;padding:.6rem 1rem;border-left:4px solid #4a7}.op p{white-space:pre-wrap}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(Encode(Scalar(info, "title"))).Append(' ').Append(Encode(Scalar(info, "version"))).Append("</h1>");
        html.Append("<p style=\"white-space:pre-wrap\">").Append(Encode(Scalar(info, "description"))).Append("</p>");
        html.Append("<p>Machine-readable contract: <a href=\"/openapi.yaml\">/openapi.yaml</a>. Every endpoint accepts any HTTP method ")
            .Append("and a JSON body; all but <code>/handshake</code> need <code>Authorization: Bearer &lt;sessionToken&gt;</code>.</p>");
        string? tag = null;
        foreach (var (pathNode, operationsNode) in (YamlMappingNode)root["paths"])
        {
            var path = ((YamlScalarNode)pathNode).Value ?? "";
            foreach (var (_, operationNode) in (YamlMappingNode)operationsNode)
            {
                var operation = (YamlMappingNode)operationNode;
                var operationTag = operation.Children.TryGetValue("tags", out var tags) ? ((YamlScalarNode)((YamlSequenceNode)tags)[0]).Value : null;
                if (operationTag != tag)
                {
                    tag = operationTag;
                    html.Append("<h2>").Append(Encode(tag ?? "")).Append("</h2>");
                }

                html.Append("<div class=\"op\"><h3><code>").Append(Encode(path)).Append("</code> ").Append(Encode(Scalar(operation, "summary")))
                    .Append("</h3><p>").Append(Encode(Scalar(operation, "description"))).Append("</p></div>");
            }
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
