using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EventPlanner.TestSupport;
using EventPlanner.Web;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// The app as the README starts it, as its own process, so that it can be stopped the hard way (SIGKILL) and
/// started again on the same data folder. <c>dotnet EventPlanner.Web.dll --urls ...</c> from the test output
/// folder (the test project references the Web project, so the build is there) with the repository as content
/// root is what <c>dotnet run --project src/EventPlanner.Web</c> runs, without the rebuild.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private bool _disposed;

    private AppProcess(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public HttpClient Http { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>Whether <see cref="Kill"/> stopped it (rather than it exiting by itself).</summary>
    public bool Killed { get; private set; }
    public TimeSpan SinceStart => _sinceStart.Elapsed;

    /// <summary>The repository: appsettings.json and wwwroot/ beside each other (see <see cref="ContentRoot"/>).</summary>
    public static string RepositoryRoot { get; } = ContentRoot.Locate();

    /// <summary>Starts the app and waits for its first healthy answer; retries on another port if it dies first (port taken).</summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, params string[] args)
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = Launch(dataDirectory, settings, null, args);
            try
            {
                await app.WaitUntilHealthyAsync(StartTimeout);
                return app;
            }
            catch (InvalidOperationException) when (attempt < 3 && app.HasExited && app.Output().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Starts the process and returns at once (to kill it during start-up). <paramref name="onLine"/> sees each line
    /// of its output as it is read, on the reading thread, so it can kill the app the moment a line appears.
    /// </summary>
    public static AppProcess Launch(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, Action<AppProcess, string>? onLine = null,
        params string[] args)
    {
        var url = $"http://127.0.0.1:{LocalProcesses.FreeLoopbackPort()}";
        var start = new ProcessStartInfo(LocalProcesses.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EventPlanner.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var inherited in new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["EventPlanner__ContentRoot"] = RepositoryRoot;
        start.Environment["EventPlanner__DataDirectory"] = dataDirectory;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, new Uri(url + "/"), dataDirectory);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data, onLine);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data, onLine);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before answering /healthz:\n{Output()}");
            if (watch.Elapsed > timeout) throw new TimeoutException($"The app did not answer /healthz within {timeout.TotalSeconds} s:\n{Output()}");
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Http.GetAsync("healthz", probe.Token);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // Not listening yet (a bare SocketException too: see TicketRushHardStopTests).
            }
            await Task.Delay(20);
        }
    }

    /// <summary>kill -9 of the app and anything it started; returns once the process is gone.</summary>
    public void Kill()
    {
        // A line the output reader flushes after DisposeAsync may still ask for a kill: the process is gone already.
        if (Volatile.Read(ref _disposed)) return;
        try
        {
            if (_process.HasExited) return;
        }
        catch (InvalidOperationException) when (Volatile.Read(ref _disposed))
        {
            return;
        }
        Killed = true;
        _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            throw new TimeoutException("The app did not exit within 15 s of SIGKILL.");
        }
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var message = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) message.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return message;
    }

    /// <summary>One set-up call that must answer <paramref name="expected"/>; its JSON body.</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string path, string? token, object? body, HttpStatusCode expected)
    {
        using var response = await Http.SendAsync(Request(method, path, token, body));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}; expected {(int)expected}. {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public string Output()
    {
        lock (_output) return string.Join('\n', _output.TakeLast(200));
    }

    private void Keep(string? line, Action<AppProcess, string>? onLine)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (!Volatile.Read(ref _disposed)) onLine?.Invoke(this, line);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        Http.Dispose();
        Volatile.Write(ref _disposed, true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
