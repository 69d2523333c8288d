using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// The real app in its own process on real Kestrel, on a free loopback port, with a fresh data
/// folder (SQLite files and the mail pickup folder) that the test can read.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }
    public string DataDirectory { get; }
    public string MailOutbox => Path.Combine(DataDirectory, "mail-outbox");

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<AppProcess> StartAsync(IDictionary<string, string>? settings = null, params string[] args)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var data = Path.Combine(Path.GetTempPath(), "ep-browser", Guid.NewGuid().ToString("N"));
        AppTemplateDatabase.CopyTo(data);
        var webDll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(webDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["EventPlanner__ContentRoot"] = RepoRoot();
        info.Environment["EventPlanner__DataDirectory"] = data;
        info.Environment["EventPlanner__PublicUrl"] = baseUrl;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) info.Environment[k] = v;

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, baseUrl, data);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync();
        }
        catch
        {
            // A process that did not come up is no test's to dispose: left running, it went on migrating and
            // draining beside the later tests (seen under CI load), slowing them into timeouts too.
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>The one-time administrator set-up link the app printed at start.</summary>
    public string SetupLink()
    {
        var match = SetupLinkPattern().Match(Output);
        return match.Success ? match.Value : throw new InvalidOperationException("The app printed no set-up link:\n" + Output);
    }

    /// <summary>Waits for a mail to <paramref name="to"/> whose text matches, and returns the first link in it.</summary>
    public async Task<string> WaitForMailLinkAsync(string to, string linkContains, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(MailOutbox))
            {
                foreach (var file in Directory.GetFiles(MailOutbox, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (!text.Contains(to, StringComparison.OrdinalIgnoreCase)) continue;
                    var message = MimeKit.MimeMessage.Load(file);
                    var body = message.TextBody ?? "";
                    var link = UrlPattern().Matches(body).Select(m => m.Value).FirstOrDefault(u => u.Contains(linkContains));
                    if (link is not null) return link;
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No mail to {to} with a link containing '{linkContains}' arrived.");
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Generous: a --demo start (migrations checked, demo seeded, views warmed) took over 60 s on a 2-core machine with
        // three test runs and other builds beside it; a healthy start returns as soon as it answers.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(150);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("The app exited at start:\n" + Output);
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not become healthy:\n" + Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EventPlanner.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("EventPlanner.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }

    [GeneratedRegex(@"https?://\S+/setup\?token=\S+")]
    private static partial Regex SetupLinkPattern();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();
}
