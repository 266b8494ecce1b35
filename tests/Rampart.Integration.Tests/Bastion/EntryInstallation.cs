using System.Diagnostics;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// A private copy of the built <c>rampart-osh</c> (its configuration lives beside the executable), with a place for
/// the fake daemon's socket.
/// </summary>
public sealed class EntryInstallation : IDisposable
{
    private readonly TempDirectory _directory = new();

    public EntryInstallation()
    {
        var build = Path.Combine(BuildOutput.BinRoot, "Rampart.Bastion.Entry", BuildOutput.Configuration.ToLowerInvariant());
        if (!File.Exists(Path.Combine(build, "rampart-osh")))
        {
            throw new FileNotFoundException($"Build output not found: {build}/rampart-osh (build the solution first)");
        }

        // The native build, as `rampart bastion install` picks it: when scripts/publish-native.sh made it after the last build.
        var native = Path.Combine(BuildOutput.BinRoot, "..", "publish", "rampart-osh");
        if (File.Exists(Path.Combine(native, "rampart-osh"))
            && File.GetLastWriteTimeUtc(Path.Combine(native, "rampart-osh")) >= File.GetLastWriteTimeUtc(Path.Combine(build, "rampart-osh.dll")))
        {
            build = native;
        }

        foreach (var file in Directory.GetFiles(build))
        {
            File.Copy(file, _directory.Combine(Path.GetFileName(file)));
        }

        // The apphost must find the runtime that runs these tests, wherever it is installed.
        DotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
    }

    public string Binary => _directory.Combine("rampart-osh");

    public string SocketPath => _directory.Combine("osh.sock");

    public string DotnetRoot { get; }

    public string Combine(params string[] parts) => _directory.Combine(parts);

    public void WriteConfig(string text) => File.WriteAllText(_directory.Combine("rampart-osh.conf"), text);

    /// <summary>A configuration that points at <see cref="SocketPath"/>.</summary>
    public void WriteConfig() => WriteConfig($"# written by the test\n\nsocket = {SocketPath}\n");

    public ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SSH_CONNECTION");
        start.Environment.Remove("TERM");
        foreach (var locale in start.Environment.Keys.Where(n => n == "LANG" || n.StartsWith("LC_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(locale);
        }
        start.Environment["DOTNET_ROOT"] = DotnetRoot;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs the entry program to its end, feeding <paramref name="stdin"/> and then closing it.</summary>
    public async Task<EntryResult> RunAsync(byte[] stdin, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(environment, arguments))!;
        var output = ReadAllAsync(process.StandardOutput.BaseStream, cancellationToken);
        var error = ReadAllAsync(process.StandardError.BaseStream, cancellationToken);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program ended without reading all its input; its result says why.
        }

        await process.WaitForExitAsync(cancellationToken);
        return new EntryResult(process.ExitCode, await output, await error);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
