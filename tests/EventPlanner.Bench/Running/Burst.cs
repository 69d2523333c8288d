using System.Diagnostics;
using System.Net;

namespace EventPlanner.Bench.Running;

/// <summary>How one request of a burst ended: its status (null when it never got one), time, and body when kept.</summary>
public sealed record BurstReply(int Index, HttpStatusCode? Status, long Ticks, string? Body, string? Error);

/// <summary>What a burst measured. Errors are the replies the caller did not expect (and the failed requests).</summary>
public sealed record BurstResult(IReadOnlyList<BurstReply> Replies, long Errors, string? FirstError, double Seconds, double ServerCpuPercent, double ClientCpuPercent)
{
    public double PerSecond => Replies.Count / Seconds;

    public int Count(HttpStatusCode status) => Replies.Count(r => r.Status == status);

    public LoadResult ToLoad(string label, string path, bool baseline = false) => new()
    {
        Label = label,
        Path = path,
        Baseline = baseline,
        Requests = Replies.Count,
        Errors = Errors,
        FirstError = FirstError,
        Seconds = Seconds,
        RequestsPerSecond = PerSecond,
        Latency = LatencyStats.From(Replies.Select(r => r.Ticks).ToArray()),
        ServerCpuPercent = ServerCpuPercent,
        ClientCpuPercent = ClientCpuPercent,
    };
}

/// <summary>
/// A rush: a fixed list of distinct requests (each from its own user) sent by N concurrent clients,
/// each client sending its next request as soon as its last is answered, over its own kept-alive
/// connection. Unlike <see cref="LoadGenerator"/> (one path, for a time), every request here differs
/// and happens once, and the answers are kept for the scenario to check against the database.
/// With several nodes, request i goes to node i mod n (round robin), each node over its own connections.
/// </summary>
public sealed class BurstClient : IDisposable
{
    private readonly AppServer _server;
    private readonly HttpClient _client;

    public BurstClient(AppServer server, int clients)
    {
        _server = server;
        Clients = clients;
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients, // per node: a client's request may go to either
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = server.BaseAddress,
            // Generous: under a rush a request may queue for a long time, and that is what we measure.
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public int Clients { get; }

    /// <param name="request">Builds request number i (0 .. count-1); called once per request.</param>
    /// <param name="expected">Which statuses are outcomes rather than errors.</param>
    /// <param name="keepBodies">Keep each response body (for ids to look up afterwards).</param>
    public async Task<BurstResult> RunAsync(int count, Func<int, HttpRequestMessage> request, Func<HttpStatusCode, bool> expected,
        bool keepBodies, CancellationToken ct)
    {
        var replies = new BurstReply[count];
        var next = -1;
        var before = _server.Sample();
        var clientBefore = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Clients, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                ct.ThrowIfCancellationRequested();
                var message = request(i);
                // Split across the server's nodes, request by request (one node: always the same address).
                if (message.RequestUri is { IsAbsoluteUri: false } relative) message.RequestUri = new Uri(_server.AddressFor(i), relative);
                replies[i] = await SendAsync(i, message, keepBodies, ct);
            }
        }, ct)));
        var seconds = watch.Elapsed.TotalSeconds;
        var after = _server.Sample();
        var clientCpu = Environment.CpuUsage.TotalTime - clientBefore;

        var failed = replies.Where(r => r.Status is not { } s || !expected(s)).ToList();
        var first = failed.FirstOrDefault();
        var firstError = first is null ? null
            : first.Error ?? $"{(int)first.Status!.Value} {first.Status} from request {first.Index}: {Shorten(first.Body)}";
        return new BurstResult(replies, failed.Count, firstError, seconds,
            100 * (after.ProcessorTime - before.ProcessorTime).TotalSeconds / seconds, 100 * clientCpu.TotalSeconds / seconds);
    }

    private async Task<BurstReply> SendAsync(int index, HttpRequestMessage message, bool keepBody, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using (message)
            using (var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct))
            {
                // Bodies of failures are kept too: they say why.
                var body = keepBody || !response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : null;
                if (body is null) await response.Content.CopyToAsync(Stream.Null, ct);
                return new BurstReply(index, response.StatusCode, Stopwatch.GetTimestamp() - start, body, null);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new BurstReply(index, null, Stopwatch.GetTimestamp() - start, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string Shorten(string? body) => body is null ? "" : body.Length <= 300 ? body : body[..300] + "…";

    public void Dispose() => _client.Dispose();
}
