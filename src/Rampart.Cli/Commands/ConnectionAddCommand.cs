using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Cli.Input;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart connection add NAME (--data JSON|@FILE | --type ssh --host H …) [--category C] [--validate]</c>.
/// Any type can be given as store JSON; the common ssh case can be built from options instead.
/// </summary>
internal static class ConnectionAddCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The connection's name" };
        var data = new Option<string>("--data")
        {
            HelpName = "JSON|@FILE|@-",
            Description = "The store JSON with its \"type\", inline, as @FILE, or @- for stdin",
        };
        var type = new Option<string>("--type")
        {
            HelpName = "ssh",
            Description = "Build the store JSON from options; only 'ssh' is supported",
        };
        var host = new Option<string>("--host")
        {
            HelpName = "HOST",
            Description = "ssh: the host name or address",
        };
        var port = new Option<int?>("--port")
        {
            HelpName = "PORT",
            Description = "ssh: the port (default 22)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 65535)
                {
                    return value;
                }

                result.AddError($"--port must be a number from 1 to 65535, not '{text}'");
                return null;
            },
        };
        var user = new Option<string>("--user")
        {
            HelpName = "USER",
            Description = "ssh: the user to log in as",
        };
        var identity = new Option<string>("--identity-ref")
        {
            HelpName = "UUID",
            Description = "ssh: uuid of an identity entry to log in with",
        };
        var gateway = new Option<string>("--gateway")
        {
            HelpName = "CONNECTION",
            Description = "ssh: connection to reach the host through (uuid, name or glob)",
        };
        var category = new Option<string>("--category")
        {
            HelpName = "CATEGORY",
            Description = "Category to add it to (uuid, path or glob); default: the daemon's",
        };
        var validate = new Option<bool>("--validate") { Description = "Ask the daemon to connect first and add nothing if that fails (connecting comes with the shell engine; until then it is accepted and not checked)" };
        var command = new Command("add", "Add a connection, or update the one with the same name and type; prints its id")
        {
            name, data, type, host, port, user, identity, gateway, category, validate,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var resolver = new Resolver(context.Client);
            var ssh = new SshOptions(
                parseResult.GetValue(type), parseResult.GetValue(host), parseResult.GetValue(port),
                parseResult.GetValue(user), parseResult.GetValue(identity), parseResult.GetValue(gateway));
            var dataText = parseResult.GetValue(data);
            var store = dataText is not null
                ? await FromDataAsync(dataText, ssh, context.Input, cancellationToken)
                : await FromOptionsAsync(ssh, resolver, cancellationToken);

            var request = new JsonObject
            {
                ["name"] = parseResult.GetValue(name),
                ["data"] = store,
                ["validate"] = parseResult.GetValue(validate),
            };
            if (parseResult.GetValue(category) is { } categoryName)
            {
                request["category"] = await resolver.CategoryAsync(categoryName, cancellationToken);
            }

            var answer = await context.Client.CallForObjectAsync("connection/add", request, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            await Printer.LineAsync(context.Output, Cells.Of(answer["connection"]), cancellationToken);
        });
        return command;
    }

    private static async Task<JsonObject> FromDataAsync(string dataText, SshOptions ssh, TextReader stdin, CancellationToken cancellationToken)
    {
        if (ssh.Any)
        {
            throw CliException.Usage("--data cannot be combined with --type, --host, --port, --user, --identity-ref or --gateway");
        }

        var text = await InputText.ReadAsync(dataText, "--data", stdin, cancellationToken);
        var node = JsonText.Parse(text, "--data");
        return node is JsonObject store && store["type"] is JsonValue kind && kind.GetValueKind() == JsonValueKind.String
            ? store
            : throw CliException.Usage("--data must be a JSON object with a \"type\", e.g. {\"type\":\"ssh\",\"host\":\"web1\"}");
    }

    private static async Task<JsonObject> FromOptionsAsync(SshOptions ssh, Resolver resolver, CancellationToken cancellationToken)
    {
        if (ssh.Type is null)
        {
            throw CliException.Usage(ssh.Any
                ? "--host, --port, --user, --identity-ref and --gateway need --type ssh"
                : "give the connection's data: --data JSON, --data @FILE, or --type ssh --host HOST");
        }

        if (ssh.Type != "ssh")
        {
            throw CliException.Usage($"--type builds only ssh connections; give a '{ssh.Type}' connection as --data JSON");
        }

        if (string.IsNullOrWhiteSpace(ssh.Host))
        {
            throw CliException.Usage("--type ssh needs --host HOST");
        }

        var store = new JsonObject { ["type"] = "ssh", ["host"] = ssh.Host, ["port"] = ssh.Port ?? 22 };
        if (ssh.User is not null)
        {
            store["user"] = ssh.User;
        }

        if (ssh.IdentityRef is not null)
        {
            store["identity"] = new JsonObject
            {
                ["type"] = "ref",
                ["ref"] = Guid.TryParseExact(ssh.IdentityRef, "D", out var identityId)
                    ? identityId.ToString("D")
                    : throw CliException.Usage($"--identity-ref must be the uuid of an identity entry, not '{ssh.IdentityRef}'"),
            };
        }

        if (ssh.Gateway is not null)
        {
            store["gateway"] = await resolver.ConnectionAsync(ssh.Gateway, cancellationToken);
        }

        return store;
    }
}
