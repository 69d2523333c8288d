using System.Diagnostics;
using System.Net;

namespace EventPlanner.Bench.Running;

public sealed record LoadSettings(int Concurrency, TimeSpan Warmup, TimeSpan Duration, long? Requests);

/// <summary>One measured load: GETs of one path, the latencies of all of them, and the errors.</summary>
public sealed record LoadResult
{
    public required string Label { get; init; }
    public required string Path { get; init; }
    public bool Baseline { get; init; }
    public long Requests { get; init; }
    public long Errors { get; init; }
    public string? FirstError { get; init; }
    public double Seconds { get; init; }
    public double RequestsPerSecond { get; init; }
    public required LatencyStats Latency { get; init; }
    public long ResponseBytes { get; init; }
    /// <summary>Server process CPU over the measured window; 100 = one core busy.</summary>
    public double? ServerCpuPercent { get; init; }
    /// <summary>The harness's own CPU over the same window: on a small machine the client competes with the server.</summary>
    public double? ClientCpuPercent { get; init; }
}

/// <summary>
/// Bounded concurrency: N workers, each with its own connection (MaxConnectionsPerServer = N),
/// sending the next request as soon as the last one's body is read. A warm-up first (JIT, pools,
/// caches), then a fixed duration or request count with every latency recorded.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(
        AppServer server, string path, string label, LoadSettings settings, bool baseline, CancellationToken ct,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        var relative = path.TrimStart('/');
        // Worker w sends every request to node w mod n: with several nodes the connections, and so the load, split evenly.
        var targets = Enumerable.Range(0, settings.Concurrency).Select(w => new Uri(server.AddressFor(w), relative)).ToArray();

        if (settings.Warmup > TimeSpan.Zero)
        {
            await PhaseAsync(client, targets, settings.Warmup, null, ct);
        }

        var before = server.Sample();
        var clientBefore = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        var workers = await PhaseAsync(client, targets, settings.Duration, settings.Requests, ct);
        var seconds = watch.Elapsed.TotalSeconds;
        var after = server.Sample();
        var clientCpu = Environment.CpuUsage.TotalTime - clientBefore;

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        var errors = workers.Sum(w => w.Errors);
        return new LoadResult
        {
            Label = label,
            Path = path,
            Baseline = baseline,
            Requests = latencies.Length,
            Errors = errors,
            FirstError = workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            Seconds = seconds,
            RequestsPerSecond = latencies.Length / seconds,
            Latency = LatencyStats.From(latencies),
            ResponseBytes = workers.Select(w => w.LastBytes).FirstOrDefault(b => b > 0),
            ServerCpuPercent = 100 * (after.ProcessorTime - before.ProcessorTime).TotalSeconds / seconds,
            ClientCpuPercent = 100 * clientCpu.TotalSeconds / seconds,
        };
    }

    private static async Task<Worker[]> PhaseAsync(HttpClient client, Uri[] targets, TimeSpan duration, long? requests, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var budget = new Budget(requests ?? long.MaxValue);
        var workers = targets.Select(_ => new Worker()).ToArray();
        await Task.WhenAll(workers.Select((w, i) => Task.Run(() => w.RunAsync(client, targets[i], requests is null ? deadline : long.MaxValue, budget, ct), ct)));
        return workers;
    }

    private sealed class Budget(long remaining)
    {
        private long _remaining = remaining;
        public bool Take() => Interlocked.Decrement(ref _remaining) >= 0;
    }

    private sealed class Worker
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        public List<long> Latencies { get; } = new(capacity: 1 << 14);
        public long Errors { get; private set; }
        public string? FirstError { get; private set; }
        public long LastBytes { get; private set; }

        public async Task RunAsync(HttpClient client, Uri path, long deadline, Budget budget, CancellationToken ct)
        {
            while (Stopwatch.GetTimestamp() < deadline && budget.Take())
            {
                ct.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    long bytes = 0;
                    int read;
                    while ((read = await body.ReadAsync(_buffer, ct)) > 0) bytes += read;
                    Latencies.Add(Stopwatch.GetTimestamp() - start);
                    if (response.IsSuccessStatusCode) LastBytes = bytes;
                    else Fail($"{(int)response.StatusCode} {response.ReasonPhrase} from {path.PathAndQuery}");
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Latencies.Add(Stopwatch.GetTimestamp() - start);
                    Fail($"{e.GetType().Name}: {e.Message}");
                }
            }
        }

        private void Fail(string message)
        {
            Errors++;
            FirstError ??= message;
        }
    }
}
