using Rampart.Daemon.Api.OpenApi;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary><c>/openapi.yaml</c> (the API's contract) and <c>/</c> (the same, readable in a browser).</summary>
public static class DocumentationEndpoints
{
    public static void MapDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi.yaml", (ApiDocument document) => Results.Text(document.Yaml, "application/yaml; charset=utf-8"))
            .WithName("openApi");
        app.MapGet("/", (ApiDocument document) => Results.Content(document.Html, "text/html; charset=utf-8"))
            .WithName("apiPage");
    }
}
