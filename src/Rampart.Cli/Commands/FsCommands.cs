using System.CommandLine;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart fs read|write|script CONNECTION …</c>: files on a connection, byte-exact and streamed. The connection's
/// shell is started first if needed, as the file endpoints require one.
/// </summary>
internal static class FsCommands
{
    public static Command Create(CliContext context)
    {
        var fs = new Command("fs", "Read and write files on a connection");

        var readTarget = ConnectionArgument();
        var readPath = new Argument<string>("PATH") { Description = "The file on the connection (~ is its home)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this local file instead of stdout" };
        var read = new Command("read", "Copy a file from the connection to stdout or --output") { readTarget, readPath, output };
        read.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = await StartAsync(context, parseResult.GetValue(readTarget)!, cancellationToken);
            var body = new JsonObject { ["connection"] = id, ["path"] = parseResult.GetValue(readPath) };
            await using var destination = parseResult.GetValue(output) is { } file ? File.Create(file) : Console.OpenStandardOutput();
            await context.Client.DownloadAsync("fs/read", body, destination, cancellationToken);
        });

        var writeTarget = ConnectionArgument();
        var writePath = new Argument<string>("PATH") { Description = "The file to create or replace on the connection" };
        var source = new Argument<string>("SOURCE") { Description = "A local file, or - for stdin (the default)", DefaultValueFactory = _ => "-" };
        var write = new Command("write", "Create or replace a file on the connection with a local file's bytes") { writeTarget, writePath, source };
        write.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = await StartAsync(context, parseResult.GetValue(writeTarget)!, cancellationToken);
            var blob = await UploadAsync(context, parseResult.GetValue(source)!, cancellationToken);
            await context.Client.CallAsync("fs/write", new JsonObject { ["connection"] = id, ["blob"] = blob, ["path"] = parseResult.GetValue(writePath) }, cancellationToken);
        });

        var scriptTarget = ConnectionArgument();
        var scriptSource = new Argument<string>("SCRIPT") { Description = "A local script file, or - for stdin" };
        var script = new Command("script", "Upload an executable script into the connection's temp directory; prints its path") { scriptTarget, scriptSource };
        script.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = await StartAsync(context, parseResult.GetValue(scriptTarget)!, cancellationToken);
            var blob = await UploadAsync(context, parseResult.GetValue(scriptSource)!, cancellationToken);
            var answer = await context.Client.CallForObjectAsync("fs/script", new JsonObject { ["connection"] = id, ["blob"] = blob }, cancellationToken);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, cancellationToken);
                return;
            }

            await Printer.LineAsync(context.Output, answer["path"]?.GetValue<string>() ?? "", cancellationToken);
        });

        fs.Subcommands.Add(read);
        fs.Subcommands.Add(write);
        fs.Subcommands.Add(script);
        return fs;
    }

    private static Argument<string> ConnectionArgument() =>
        new("CONNECTION") { Description = "A uuid, or a name or glob matching exactly one connection" };

    private static async Task<string> StartAsync(CliContext context, string connection, CancellationToken cancellationToken)
    {
        var id = await new Resolver(context.Client).ConnectionAsync(connection, cancellationToken);
        await context.Client.CallAsync("shell/start", new JsonObject { ["connection"] = id }, cancellationToken);
        return id;
    }

    private static async Task<string> UploadAsync(CliContext context, string source, CancellationToken cancellationToken)
    {
        if (source != "-" && !File.Exists(source))
        {
            throw new CliException($"no such local file: {source}", ExitCode.Usage);
        }

        await using var stream = source == "-" ? Console.OpenStandardInput() : File.OpenRead(source);
        return await context.Client.UploadBlobAsync(stream, cancellationToken);
    }
}
