using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Core.Inventory;
using Rampart.Store.Inventory;
using Rampart.Store.Sqlite;

// Seeds an inventory of N ssh entries straight into a data directory, starts the real daemon on it, and times
// connection/query through HTTP (keep-alive client, as a script would use) for several kinds of filter.
// Usage: Rampart.Bench.Query DAEMON_DLL [N ...]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Rampart.Bench.Query path/to/rampart-daemon.dll [entries ...]");
    return 2;
}

var daemonDll = args[0];
var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
const int Rounds = 200;

var rows = new List<(int Size, string Query, int Found, double Median, double P95)>();
foreach (var size in sizes)
{
    var home = Directory.CreateTempSubdirectory("rampart-bench-");
    try
    {
        await SeedAsync(Path.Combine(home.FullName, "data"), size);
        await using var daemon = await BenchDaemon.StartAsync(daemonDll, home.FullName);
        var queries = new (string Name, string Category, string Connection, string Type)[]
        {
            ("one by exact name", "**", $"web-{size / 2:D6}.dc{size / 2 % 10}", "*"),
            ("name glob, ~0.1%", "**", "web-0001??.dc*", "ssh"),
            ("one category, 10%", "default/dc-3", "*", "*"),
            ("category glob + type", "default/dc-[1-2]/**", "**", "ssh"),
            ("everything (**)", "**", "**", "*"),
        };
        foreach (var (name, category, connection, type) in queries)
        {
            var body = new JsonObject { ["categoryFilter"] = category, ["connectionFilter"] = connection, ["typeFilter"] = type }.ToJsonString();
            var found = 0;
            for (var i = 0; i < 20; i++)
            {
                found = await daemon.QueryAsync(body);
            }

            var timings = new double[Rounds];
            for (var i = 0; i < Rounds; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await daemon.QueryAsync(body);
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(timings);
            rows.Add((size, name, found, timings[Rounds / 2], timings[(int)(Rounds * 0.95)]));
        }
    }
    finally
    {
        home.Delete(recursive: true);
    }
}

Console.WriteLine($"connection/query through HTTP, {Rounds} timed calls each after 20 warm-up calls (ms)");
Console.WriteLine($"{"entries",8}  {"query",-22} {"found",7} {"median",8} {"p95",8}");
foreach (var row in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Size,8}  {row.Query,-22} {row.Found,7} {row.Median,8:F2} {row.P95,8:F2}"));
}

if (sizes.Length > 1)
{
    Console.WriteLine();
    Console.WriteLine($"growth of the median from {sizes[0]:N0} to {sizes[^1]:N0} entries:");
    foreach (var query in rows.Where(r => r.Size == sizes[0]))
    {
        var last = rows.Single(r => r.Size == sizes[^1] && r.Query == query.Query);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {query.Query,-22} x{last.Median / query.Median:F1}"));
    }
}

return 0;

// Ten categories under Default (dc-0 … dc-9), entries spread over them, written in one transaction.
static async Task SeedAsync(string dataDirectory, int size)
{
    Directory.CreateDirectory(dataDirectory);
    var database = new SqliteDatabase(dataDirectory);
    await database.InitializeAsync(CancellationToken.None);
    var now = DateTimeOffset.UnixEpoch;
    var categories = Enumerable.Range(0, 10)
        .Select(i => new Category(Guid.NewGuid(), $"dc-{i}", WellKnownIds.DefaultCategory, Category.DefaultConfigJson, now, now, now))
        .ToList();
    var entries = Enumerable.Range(0, size).Select(i =>
    {
        var name = $"web-{i:D6}.dc{i % 10}";
        var raw = new JsonObject { ["type"] = "ssh", ["host"] = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}", ["port"] = 22, ["user"] = "deploy" };
        return new Entry(Guid.NewGuid(), name, categories[i % 10].Id, "ssh", raw.ToJsonString(), "{}", now, now, now, i + 1);
    }).ToList();
    await new SqliteInventoryStore(database).ApplyAsync(new InventoryChange(categories, [], entries, []), CancellationToken.None);
}

/// <summary>The real daemon as a child process, with a keep-alive HTTP client holding a session.</summary>
internal sealed class BenchDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly Uri _query;

    private BenchDaemon(Process process, HttpClient http, Uri query)
    {
        _process = process;
        _http = http;
        _query = query;
    }

    public static async Task<BenchDaemon> StartAsync(string daemonDll, string home)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var authFile = Path.Combine(home, "auth");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { daemonDll, "--listen", $"127.0.0.1:{port}", "--data-dir", Path.Combine(home, "data"), "--auth-file", authFile })
        {
            start.ArgumentList.Add(argument);
        }

        // Request logging would measure the console, not the query.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!File.Exists(authFile))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException("the daemon did not start");
            }

            await Task.Delay(50);
        }

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var handshake = new JsonObject
        {
            ["auth"] = new JsonObject { ["type"] = "Local", ["authFileContent"] = (await File.ReadAllTextAsync(authFile)).Trim() },
            ["client"] = new JsonObject { ["type"] = "Api", ["name"] = "bench" },
        };
        using var response = await http.PostAsync(new Uri("/handshake", UriKind.Relative), new StringContent(handshake.ToJsonString(), Encoding.UTF8, "application/json"));
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sessionToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BenchDaemon(process, http, new Uri("/connection/query", UriKind.Relative));
    }

    public async Task<int> QueryAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_query, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(Encoding.UTF8.GetString(bytes));
        }

        // Count the ids with a forward-only reader: the client's own parsing is not what is measured.
        var reader = new System.Text.Json.Utf8JsonReader(bytes);
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.String)
            {
                count++;
            }
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
