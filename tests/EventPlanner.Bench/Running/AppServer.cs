using System.Diagnostics;
using System.Net;
using EventPlanner.TestSupport;

namespace EventPlanner.Bench.Running;

/// <summary>What the harness reads off the server's processes (summed over its nodes; the peak is the largest node's).</summary>
public sealed record ServerSample(long PeakWorkingSetBytes, long WorkingSetBytes, TimeSpan ProcessorTime);

/// <summary>
/// The real app as its own process: `dotnet EventPlanner.Web.dll --urls http://127.0.0.1:PORT`, the
/// build made beside the harness, on a given data folder. A separate process so that its start-up
/// and memory can be measured, and so the load generator does not share its thread pool or GC.
/// On PostgreSQL the server may be several such processes (nodes) on one database (issue 19): the load
/// generators split their requests across <see cref="BaseAddresses"/>, and CPU is summed over the nodes.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly IReadOnlyList<AppNode> _nodes;
    private bool _disposed;

    private AppServer(IReadOnlyList<AppNode> nodes, AppDatabase database, string dataDirectory)
    {
        _nodes = nodes;
        Database = database;
        DataDirectory = dataDirectory;
        BaseAddresses = nodes.Select(n => n.BaseAddress).ToArray();
    }

    /// <summary>The first node's address: set-up calls and single fetches go there.</summary>
    public Uri BaseAddress => BaseAddresses[0];

    /// <summary>Every node's address; request i of a load goes to <see cref="AddressFor"/>(i).</summary>
    public IReadOnlyList<Uri> BaseAddresses { get; }

    public int NodeCount => BaseAddresses.Count;

    /// <summary>Round robin: request (or worker) <paramref name="index"/> goes to node index mod the node count.</summary>
    public Uri AddressFor(int index) => BaseAddresses[index % BaseAddresses.Count];

    /// <summary>The server's own data folder (its SQLite database copy, jobs.db, mail pickup folder; per node below it on PostgreSQL).</summary>
    public string DataDirectory { get; }

    /// <summary>The database every node runs on.</summary>
    public AppDatabase Database { get; }

    /// <summary>The app database the server runs on: the SQLite file, or a description of the PostgreSQL database.</summary>
    public string DatabasePath => Database.IsPostgres ? Database.Description : Database.Location;

    /// <summary>From process start to the first 200 from /healthz (of the slowest node when several start together).</summary>
    public TimeSpan ColdStart => _nodes.Max(n => n.ColdStart);

    public static string WebAssembly => Path.Combine(AppContext.BaseDirectory, "EventPlanner.Web.dll");

    /// <param name="settings">Extra configuration as environment variables (EventPlanner__Mail__Smtp__Host ...), or null.</param>
    public static Task<AppServer> StartAsync(string dataDirectory, string contentRoot, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(AppDatabase.SqliteIn(dataDirectory), dataDirectory, 1, contentRoot, ct, settings);

    /// <summary>
    /// Starts <paramref name="nodes"/> processes on <paramref name="database"/> at the same instant (as the multi-node
    /// tests do: Hangfire's schema install and recurring-job registration race as in production). With more than one
    /// node each has its own data folder under <paramref name="dataDirectory"/> and they share an uploads folder there.
    /// </summary>
    public static async Task<AppServer> StartAsync(AppDatabase database, string dataDirectory, int nodes, string contentRoot, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (nodes > 1 && !database.IsPostgres) throw new ArgumentException("Several nodes need a PostgreSQL database: SQLite is one process's database.");
        var environment = new Dictionary<string, string>(database.Settings);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) environment[name] = value;
        if (nodes > 1)
        {
            var uploads = Path.Combine(dataDirectory, "uploads");
            Directory.CreateDirectory(uploads);
            environment["EventPlanner__Uploads__Path"] = uploads;
        }
        var folders = Enumerable.Range(1, nodes).Select(i => nodes == 1 ? dataDirectory : Path.Combine(dataDirectory, $"node-{i}")).ToArray();
        foreach (var folder in folders) Directory.CreateDirectory(folder);
        var started = folders.Select(folder => AppNode.StartAsync(folder, contentRoot, environment, ct)).ToArray();
        try
        {
            return new AppServer(await Task.WhenAll(started), database, dataDirectory);
        }
        catch
        {
            foreach (var task in started.Where(t => t.IsCompletedSuccessfully)) await task.Result.DisposeAsync();
            throw;
        }
    }

    public ServerSample Sample()
    {
        var samples = _nodes.Select(n => n.Sample()).ToList();
        return new ServerSample(samples.Max(s => s.PeakWorkingSetBytes), samples.Sum(s => s.WorkingSetBytes),
            samples.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessorTime));
    }

    /// <summary>Each node's own sample, in node order.</summary>
    public IReadOnlyList<ServerSample> SampleNodes() => _nodes.Select(n => n.Sample()).ToList();

    /// <summary>The last lines each node wrote (prefixed by node when there are several).</summary>
    public string Output() => _nodes.Count == 1
        ? _nodes[0].Output()
        : string.Join('\n', _nodes.Select((n, i) => $"--- node {i + 1} ({n.BaseAddress}) ---\n{n.Output()}"));

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var node in _nodes) await node.DisposeAsync();
    }
}

/// <summary>One app process of a server.</summary>
internal sealed class AppNode : IAsyncDisposable
{
    // Generous: two nodes starting together on a busy 2-core machine (both installing Hangfire's schema) took over a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Stopwatch _watch = new();
    private bool _disposed;

    private AppNode(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public TimeSpan ColdStart { get; private set; }

    public static async Task<AppNode> StartAsync(string dataDirectory, string contentRoot, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var node = Launch(dataDirectory, contentRoot, LocalProcesses.FreeLoopbackPort(), settings);
            try
            {
                await node.WaitUntilHealthyAsync(ct);
                return node;
            }
            catch (ServerExitedException) when (attempt < 3)
            {
                // Most likely another process took the port between our probe and the bind: try another.
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
    }

    private static AppNode Launch(string dataDirectory, string contentRoot, int port, IReadOnlyDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(LocalProcesses.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        start.ArgumentList.Add(AppServer.WebAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["EventPlanner__DataDirectory"] = dataDirectory;
        start.Environment["EventPlanner__ContentRoot"] = contentRoot;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var inherited in new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (name, value) in settings) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var node = new AppNode(process, new Uri(url + "/"));
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        node._watch.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited) throw new ServerExitedException($"The app exited with code {_process.ExitCode} before answering /healthz:\n{Output()}");
            if (_watch.Elapsed > StartTimeout) throw new TimeoutException($"The app did not answer /healthz within {StartTimeout.TotalSeconds} s:\n{Output()}");
            try
            {
                using var response = await client.GetAsync("healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ColdStart = _watch.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Listening but not answering within the client's timeout yet (still starting on a busy machine).
            }
            await Task.Delay(10, ct);
        }
    }

    public ServerSample Sample()
    {
        _process.Refresh();
        return new ServerSample(PeakWorkingSet(), _process.WorkingSet64, _process.TotalProcessorTime);
    }

    // On Linux the kernel's high-water mark (VmHWM) is the peak resident set, read straight from /proc.
    private long PeakWorkingSet()
    {
        var status = $"/proc/{_process.Id}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line[6..].Trim().Split(' ')[0], out var kb))
                {
                    return kb * 1024;
                }
            }
        }
        return _process.PeakWorkingSet64;
    }

    public string Output()
    {
        lock (_output) return string.Join('\n', _output);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200) _output.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private sealed class ServerExitedException(string message) : Exception(message);
}
