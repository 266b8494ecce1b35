using System.CommandLine;

namespace Rampart.Cli;

/// <summary>
/// What every command works with: the standard streams (passed in, so tests can capture them), the environment,
/// the shared <c>--json</c> option and one lazily created <see cref="DaemonClient"/>.
/// </summary>
internal sealed class CliContext : IDisposable
{
    private readonly Func<string, string?> _environment;
    private readonly HttpMessageHandler? _handler;
    private DaemonClient? _client;
    private DaemonLocation? _location;

    /// <param name="handler">Replaces the network in tests; null talks to the real daemon.</param>
    public CliContext(TextReader input, TextWriter output, TextWriter error, Func<string, string?> environment, HttpMessageHandler? handler = null)
    {
        Input = input;
        Output = output;
        Error = error;
        _environment = environment;
        _handler = handler;
    }

    public TextReader Input { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the daemon's JSON (indented, for jq) instead of a table",
        Recursive = true,
    };

    public DaemonLocation Location => _location ??= DaemonLocation.FromEnvironment(_environment);

    /// <summary>Created on first use, so <c>--help</c> and usage errors never touch the network.</summary>
    public DaemonClient Client => _client ??= new DaemonClient(Location, _handler);

    public string? GetEnvironment(string name) => _environment(name);

    public bool WantsJson(ParseResult parseResult) => parseResult.GetValue(Json);

    public void Dispose() => _client?.Dispose();
}
