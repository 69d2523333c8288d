using System.Net;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;
using Microsoft.Data.Sqlite;

namespace EventPlanner.Bench;

/// <summary>
/// One invocation of the harness: its settings, its temporary folder, the data sets generated so
/// far (each scale at most once, then copied for every server start), the static baseline files it
/// placed under wwwroot/bench/, and the servers still running. Disposing it cleans all of that up.
/// </summary>
public sealed class BenchRun(BenchOptions options, string repoRoot, TextWriter log) : IAsyncDisposable
{
    private readonly Dictionary<string, GeneratedData> _datasets = new(StringComparer.Ordinal);
    private readonly List<string> _staticFiles = [];
    private readonly List<AppServer> _servers = [];
    private readonly Dictionary<string, string> _postgresTemplates = new(StringComparer.Ordinal);
    private BenchPostgres? _postgres;
    private int _serverCount;

    /// <summary>What the scenario now running runs against (set by the program before each run): engine and nodes.</summary>
    public BenchTarget Target { get; set; } = BenchTarget.Sqlite;

    /// <summary>The PostgreSQL server, started (or found) on first use.</summary>
    public BenchPostgres Postgres => _postgres ??= new BenchPostgres(RepoRoot, Log);

    /// <summary>Which PostgreSQL server the run used, or null when none.</summary>
    public string? PostgresDescription => _postgres?.Description;

    public BenchOptions Options { get; } = options;
    public string RepoRoot { get; } = repoRoot;
    public string RunId { get; } = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Environment.ProcessId;
    public string TempRoot { get; } = Path.Combine(Path.GetTempPath(), "ep-bench", Guid.NewGuid().ToString("N")[..12]);
    public LoadSettings Load => new(Options.Concurrency, Options.Warmup, Options.Duration, Options.Requests);
    public IReadOnlyCollection<GeneratedData> Datasets => _datasets.Values;

    public void Log(string line) => log.WriteLine(line);

    /// <summary>
    /// Where data is generated: in memory (tmpfs) when the machine has one. Generation is set-up, not
    /// measurement, and tens of thousands of single-row commits each waiting for the disk took most of its
    /// time (fosdem: about 35 s on this project's disk under load, 7 s on tmpfs, same digest). The finished
    /// file is then copied to <see cref="TempRoot"/> on disk, where every server runs on its own copy.
    /// </summary>
    public string GenerationRoot => Directory.Exists("/dev/shm") ? _inMemoryRoot : Path.Combine(TempRoot, "generating");

    private readonly string _inMemoryRoot = Path.Combine("/dev/shm", "ep-bench-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The scale's generated database, made on first use in this run.</summary>
    public async Task<GeneratedData> DatasetAsync(Scale scale, CancellationToken ct)
    {
        if (_datasets.TryGetValue(scale.Name, out var existing)) return existing;
        Log($"  generating '{scale.Name}' data ({scale.Accounts:N0} accounts, {scale.Rooms} rooms) ...");
        var scratch = Path.Combine(GenerationRoot, "data-" + scale.Name);
        GeneratedData data;
        try
        {
            data = await DataGenerator.GenerateAsync(scratch, scale, Options.Seed, ct);
            var folder = Path.Combine(TempRoot, "data-" + scale.Name);
            Directory.CreateDirectory(folder);
            var database = Path.Combine(folder, Path.GetFileName(data.DatabasePath));
            File.Copy(data.DatabasePath, database);
            data = data with { DataDirectory = folder, DatabasePath = database };
        }
        finally
        {
            // Also after a failure, so that the next scenario needing this scale can try again.
            SqliteConnection.ClearAllPools();
            DeleteFolder(scratch);
        }
        Log($"  generated '{scale.Name}' in {data.Seconds:F1} s, digest {data.Digest.Sha256[..16]}");
        _datasets[scale.Name] = data;
        return data;
    }

    /// <summary>
    /// Starts the app on a fresh copy of the scale's database, in its own folder, with extra configuration
    /// as environment variables when given (e.g. <c>EventPlanner__Diagnostics__CountQueries</c>). On PostgreSQL
    /// (<see cref="Target"/>) the copy is a new database made from the scale's template (the generated SQLite data
    /// copied in once), and <see cref="BenchTarget.Nodes"/> app processes share it.
    /// </summary>
    public async Task<AppServer> StartServerAsync(Scale scale, CancellationToken ct, IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = await DatasetAsync(scale, ct);
        var folder = Path.Combine(TempRoot, $"server-{++_serverCount}");
        Directory.CreateDirectory(folder);
        if (!Target.IsPostgres)
        {
            File.Copy(data.DatabasePath, Path.Combine(folder, Path.GetFileName(data.DatabasePath)));
            return Keep(await AppServer.StartAsync(folder, RepoRoot, ct, settings));
        }
        if (!_postgresTemplates.TryGetValue(scale.Name, out var template))
        {
            string templateConnection;
            (template, templateConnection) = await Postgres.CreateDatabaseAsync($"epbench_{scale.Name}_template", null, ct);
            await CopyToPostgresAsync(data.DatabasePath, templateConnection, scale.Name, ct);
            _postgresTemplates[scale.Name] = template;
        }
        var (_, connectionString) = await Postgres.CreateDatabaseAsync($"epbench_{scale.Name}", template, ct);
        return Keep(await AppServer.StartAsync(AppDatabase.Postgres(connectionString), folder, Target.Nodes, RepoRoot, ct, settings));
    }

    /// <summary>
    /// Starts the app on the SQLite database a scenario prepared in <paramref name="sqliteFolder"/> (e.g. with a released
    /// schedule): in place on SQLite; on PostgreSQL copied into a fresh database that <see cref="BenchTarget.Nodes"/> app
    /// processes share.
    /// </summary>
    public async Task<AppServer> StartServerOnAsync(string sqliteFolder, CancellationToken ct, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!Target.IsPostgres) return Keep(await AppServer.StartAsync(sqliteFolder, RepoRoot, ct, settings));
        var folder = Path.Combine(TempRoot, $"server-{++_serverCount}");
        Directory.CreateDirectory(folder);
        var (_, connectionString) = await Postgres.CreateDatabaseAsync("epbench", null, ct);
        await CopyToPostgresAsync(Path.Combine(sqliteFolder, AppDatabase.SqliteFileName), connectionString, Path.GetFileName(sqliteFolder), ct);
        return Keep(await AppServer.StartAsync(AppDatabase.Postgres(connectionString), folder, Target.Nodes, RepoRoot, ct, settings));
    }

    private async Task CopyToPostgresAsync(string sqliteFile, string connectionString, string what, CancellationToken ct)
    {
        var (rows, seconds) = await PostgresCopy.CopyAsync(sqliteFile, connectionString, ct);
        Log($"  copied '{what}' into {AppDatabase.Postgres(connectionString).Description}: {rows:N0} rows in {seconds:F1} s");
    }

    private AppServer Keep(AppServer server)
    {
        _servers.Add(server);
        return server;
    }

    /// <summary>Fills the figures every scenario reports about its server.</summary>
    public static void RecordServer(ScenarioResult result, AppServer server)
    {
        result.ColdStartMs = server.ColdStart.TotalMilliseconds;
        result.PeakWorkingSetMb = Math.Max(result.PeakWorkingSetMb, server.Sample().PeakWorkingSetBytes / 1024.0 / 1024.0);
    }

    /// <summary>
    /// With several nodes, each node's CPU time since it started: that both did the work shows the load was really split
    /// (call once, at the end of the scenario).
    /// </summary>
    public static void RecordNodes(ScenarioResult result, AppServer server)
    {
        if (server.NodeCount < 2) return;
        foreach (var (sample, i) in server.SampleNodes().Select((s, i) => (s, i)))
        {
            result.Figures.Add(new Figure($"node {i + 1} of {server.NodeCount}: CPU time since its start", sample.ProcessorTime.TotalSeconds, "s"));
        }
    }

    public async Task<LoadResult> LoadAsync(AppServer server, string path, string label, bool baseline, CancellationToken ct,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var result = await LoadGenerator.RunAsync(server, path, label, Load, baseline, ct, headers);
        Log($"    {label,-40} {result.RequestsPerSecond,10:N0} req/s  p99 {result.Latency.P99Ms,7:F2} ms  errors {result.Errors}");
        return result;
    }

    /// <summary>
    /// Loads <paramref name="path"/>, then the very same bytes served as a static file by the same
    /// server with the same concurrency, and records both and the ratio of their throughput.
    /// </summary>
    public async Task CompareWithStaticFileAsync(ScenarioResult result, AppServer server, string path, string extension, CancellationToken ct)
    {
        var bytes = await FetchAsync(server, path, ct);
        var staticPath = WriteStaticFile($"{result.Scenario}-{result.Scale}{extension}", bytes);
        var app = await LoadAsync(server, path, $"GET {path}", baseline: false, ct);
        var baseline = await LoadAsync(server, staticPath, $"static file, same {bytes.Length:N0} bytes", baseline: true, ct);
        result.Loads.Add(app);
        result.Loads.Add(baseline);
        result.Ratios.Add(new Ratio("rps app/static", app.RequestsPerSecond / baseline.RequestsPerSecond,
            "share of the static-file throughput the endpoint keeps (1.0 = as fast as serving the bytes from disk)"));
        result.Ratios.Add(new Ratio("p50 app/static", app.Latency.P50Ms / baseline.Latency.P50Ms,
            "median latency over the static file's median latency"));
    }

    /// <summary>
    /// Loads <paramref name="path"/> asking for <paramref name="coding"/>, then the very bytes it sent (compressed) as a
    /// plain static file, and records both, the ratio of their throughput and the bytes on the wire against the raw
    /// size. Returns (raw bytes, wire bytes).
    /// </summary>
    public async Task<(long Raw, long Wire)> CompareCompressedWithStaticFileAsync(ScenarioResult result, AppServer server, string path, string extension,
        string coding, CancellationToken ct)
    {
        var raw = await FetchAsync(server, path, ct);
        var headers = new Dictionary<string, string> { ["Accept-Encoding"] = coding };
        var (wire, encoding) = await FetchCodedAsync(server, path, coding, ct);
        if (encoding != coding) throw new InvalidOperationException($"GET {path} with Accept-Encoding: {coding} answered Content-Encoding: {encoding ?? "(none)"}.");
        // Served as stored bytes without any Accept-Encoding: what a static-file server does with a precompressed file.
        var staticPath = WriteStaticFile($"{result.Scenario}-{result.Scale}-{coding}{extension}", wire);
        var app = await LoadAsync(server, path, $"GET {path} ({coding})", baseline: false, ct, headers);
        var baseline = await LoadAsync(server, staticPath, $"static file, same {wire.Length:N0} bytes", baseline: true, ct);
        result.Loads.Add(app);
        result.Loads.Add(baseline);
        result.Ratios.Add(new Ratio($"rps app/static ({coding})", app.RequestsPerSecond / baseline.RequestsPerSecond,
            "share of the throughput of the same precompressed bytes served as a static file"));
        result.Ratios.Add(new Ratio($"wire/raw ({coding})", (double)wire.Length / raw.Length,
            $"bytes on the wire with Accept-Encoding: {coding} over the raw bytes ({wire.Length:N0} of {raw.Length:N0})"));
        return (raw.Length, wire.Length);
    }

    public static async Task<(byte[] Body, string? Encoding)> FetchCodedAsync(AppServer server, string path, string coding, CancellationToken ct)
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
        using var response = await client.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}; expected 200.\n{server.Output()}");
        }
        return (await response.Content.ReadAsByteArrayAsync(ct), response.Content.Headers.ContentEncoding.SingleOrDefault());
    }

    public static async Task<byte[]> FetchAsync(AppServer server, string path, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync(path.TrimStart('/'), ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}; expected 200.\n{server.Output()}");
        }
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    public static async Task<HttpStatusCode> StatusAsync(AppServer server, string path, CancellationToken ct)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync(path.TrimStart('/'), ct);
        return response.StatusCode;
    }

    /// <summary>
    /// Places a file under the repository's wwwroot/bench/ (git-ignored) for the app to serve, and
    /// returns its URL path. The app's web root is the repository's wwwroot; the file goes at the end.
    /// </summary>
    public string WriteStaticFile(string name, byte[] content)
    {
        var folder = Path.Combine(RepoRoot, "wwwroot", "bench");
        Directory.CreateDirectory(folder);
        var fileName = $"{RunId}-{name}";
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, content);
        _staticFiles.Add(path);
        return "/bench/" + fileName;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        _servers.Clear();
        if (_postgres is not null) await _postgres.DisposeAsync();
        foreach (var file in _staticFiles)
        {
            try { File.Delete(file); } catch (IOException) { }
        }
        var folder = Path.Combine(RepoRoot, "wwwroot", "bench");
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
        catch (IOException) { }
        SqliteConnection.ClearAllPools();
        DeleteFolder(GenerationRoot);
        DeleteFolder(TempRoot);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
