using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>
/// A real daemon process on a random loopback port with its own data directory and auth file, driven over HTTP.
/// It can be stopped gracefully, killed with SIGKILL, and started again on the same data.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public DaemonProcess(string? dataDirectory = null, TempDirectory? home = null)
    {
        Home = home ?? new TempDirectory();
        DataDirectory = dataDirectory ?? Home.Combine("data");
        AuthFile = Home.Combine("auth");
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
    }

    public TempDirectory Home { get; }

    public string DataDirectory { get; }

    public string AuthFile { get; }

    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public HttpClient Http { get; }

    public Dictionary<string, string> Environment { get; } = [];

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public static async Task<DaemonProcess> StartAsync(CancellationToken cancellationToken)
    {
        var daemon = new DaemonProcess();
        await daemon.StartAsync(cancellationToken: cancellationToken);
        return daemon;
    }

    /// <summary>Starts the daemon and waits until it has written its auth file, which it does once it answers.</summary>
    public async Task StartAsync(IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        Port = FreePort.Next();
        File.Delete(AuthFile);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutput.DaemonDll);
        foreach (var argument in new[] { "--listen", $"127.0.0.1:{Port}", "--data-dir", DataDirectory, "--auth-file", AuthFile }
                     .Concat(extraArguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("RAMPART_VAULT_PASSPHRASE");
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(AuthFile) || new FileInfo(AuthFile).Length == 0)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"The daemon exited with {_process.ExitCode} at start:\n{Log}");
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The daemon did not start within 60 s:\n{Log}");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    /// <summary>Waits for a daemon that is expected to fail at start, and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process!.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, then wait: the clean shutdown path.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power loss of the process.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>The daemon's own pid while it runs.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>SIGKILL to the daemon alone: its children are left to notice by themselves.</summary>
    public async Task KillAloneAsync(CancellationToken cancellationToken)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public string ReadAuthToken() => File.ReadAllText(AuthFile).Trim();

    /// <summary>A handshake with the local auth file; returns the session token.</summary>
    public async Task<string> HandshakeAsync(CancellationToken cancellationToken)
    {
        var response = await PostAsync("/handshake", new JsonObject
        {
            ["auth"] = new JsonObject { ["type"] = "Local", ["authFileContent"] = ReadAuthToken() },
            ["client"] = new JsonObject { ["type"] = "Api", ["name"] = "integration-tests" },
        }, token: null, cancellationToken);
        return (string)response.Json!["sessionToken"]!;
    }

    /// <summary>An authenticated client: a session opened with the local auth file.</summary>
    public async Task<ApiClient> ConnectAsync(CancellationToken cancellationToken) =>
        new(this, await HandshakeAsync(cancellationToken));

    public async Task<ApiResponse> PostAsync(string path, JsonNode? body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await SendAsync(request, cancellationToken);
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await Http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new ApiResponse((int)response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            await KillAsync(CancellationToken.None);
        }

        _process?.Dispose();
        Http.Dispose();
        Home.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
