using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EventPlanner.TestSupport;

namespace EventPlanner.Bench.Running;

/// <summary>What the harness reads off the server process.</summary>
public sealed record ServerSample(long PeakWorkingSetBytes, long WorkingSetBytes, TimeSpan ProcessorTime);

/// <summary>
/// The real app as its own process: `dotnet EventPlanner.Web.dll --urls http://127.0.0.1:PORT`, the
/// build made beside the harness, on a given data folder. A separate process so that its start-up
/// and memory can be measured, and so the load generator does not share its thread pool or GC.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Stopwatch _watch = new();
    private bool _disposed;

    private AppServer(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The server's own data folder (its database copy, jobs.db, mail pickup folder).</summary>
    public string DataDirectory { get; }

    /// <summary>The app database the server runs on.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "eventplanner.db");

    /// <summary>From process start to the first 200 from /healthz.</summary>
    public TimeSpan ColdStart { get; private set; }

    public static string WebAssembly => Path.Combine(AppContext.BaseDirectory, "EventPlanner.Web.dll");

    /// <param name="settings">Extra configuration as environment variables (EventPlanner__Mail__Smtp__Host ...), or null.</param>
    public static async Task<AppServer> StartAsync(string dataDirectory, string contentRoot, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(dataDirectory, contentRoot, LocalProcesses.FreeLoopbackPort(), settings);
            try
            {
                await server.WaitUntilHealthyAsync(ct);
                return server;
            }
            catch (ServerExitedException) when (attempt < 3)
            {
                // Most likely another process took the port between our probe and the bind: try another.
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private static AppServer Launch(string dataDirectory, string contentRoot, int port, IReadOnlyDictionary<string, string>? settings)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(LocalProcesses.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        start.ArgumentList.Add(WebAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["EventPlanner__DataDirectory"] = dataDirectory;
        start.Environment["EventPlanner__ContentRoot"] = contentRoot;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var inherited in new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var server = new AppServer(process, new Uri(url + "/"), dataDirectory);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._watch.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
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
