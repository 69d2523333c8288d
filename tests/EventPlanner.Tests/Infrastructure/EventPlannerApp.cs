using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh SQLite file in a temporary folder, one per test class (xunit's class
/// fixture). Mail is captured in memory; the clock can be moved; data-protection keys are ephemeral.
/// The file starts as a copy of a database migrated once per test run (<see cref="TemplateDatabase"/>), and no
/// Hangfire server runs unless the class tests what background jobs do (<see cref="RunsJobs"/>).
/// </summary>
public partial class EventPlannerApp : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));
    public CapturingMailSender Mail { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Extra configuration for one test class (e.g. a low rate limit).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// Whether the host runs a Hangfire server. Off by default: jobs are still queued, but nothing delivers mail or
    /// drains the outbox. Classes that wait on delivery (mail sent, inbox filled, outbox drained) use
    /// <see cref="EventPlannerAppWithJobs"/> or override this.
    /// </summary>
    protected virtual bool RunsJobs => false;

    public const string Password = "correct horse battery";

    /// <summary>PBKDF2 rounds for passwords hashed by test hosts (see <see cref="ConfigureWebHost"/>).</summary>
    public const int TestPasswordIterations = 1_000;

    /// <summary>The class's own PostgreSQL database when the hosts run there (<see cref="TestPostgres.HostsRunOnPostgres"/>).</summary>
    public string? PostgresDatabase { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["EventPlanner:DataDirectory"] = DataDirectory,
            ["EventPlanner:DataProtection"] = "ephemeral",
            ["EventPlanner:RateLimits:AuthPermitsPerMinute"] = "10000",
            ["EventPlanner:PublicUrl"] = "http://localhost",
            // Hangfire keeps its jobs in memory in tests; the outbox table is what must survive, and
            // the tests that exercise db/jobs.db ask for it (Settings).
            ["EventPlanner:Jobs:Storage"] = "memory",
            ["EventPlanner:Jobs:Server"] = RunsJobs ? "true" : "false",
            // The test hosts' console goes into the test run's output (dotnet test shows the test host's own output): only
            // warnings and errors there, or a run prints thousands of start-up lines. Other log providers are unfiltered.
            ["Logging:Console:LogLevel:Default"] = "Warning",
        };
        var own = Settings;
        if (TestPostgres.HostsRunOnPostgres)
        {
            settings["EventPlanner:Database:Provider"] = "postgres";
            // One database per test class, copied from a migrated template; a second host of the class shares it. A host
            // that names its own database (MultiNode's nodes, a second host on the first one's) gets no copy it would not use.
            if (!own.ContainsKey("ConnectionStrings:EventPlanner"))
            {
                PostgresDatabase ??= TemplateDatabase.CreatePostgresCopy();
                settings["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(PostgresDatabase);
            }
        }
        foreach (var (k, v) in own) settings[k] = v;
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        // A class that prepared its own database (or a second host on the same folder) keeps it.
        if (!TestPostgres.HostsRunOnPostgres) TemplateDatabase.CopyTo(Path.Combine(settings["EventPlanner:DataDirectory"]!, "eventplanner.db"));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IMailSender>();
            services.AddSingleton<IMailSender>(Mail);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Identity's default of 100,000 PBKDF2-SHA512 rounds costs about 0.1 s of CPU for every account made and every
            // password checked, and a test run makes thousands. Fewer rounds, same hasher: the V3 hash format, salts and
            // checks are Identity's own, and a hash made with more rounds (the real app's) still verifies.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresDatabase is { } database) TestPostgres.DropDatabase(database);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A client that does not follow redirects, so tests see them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a confirmed account directly (the register flow has its own tests).</summary>
    public async Task<AppUser> CreateUserAsync(string email, string? name = null, bool admin = false)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Email = email, DisplayName = name ?? email.Split('@')[0], EmailConfirmed = true, IsAdmin = admin };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>An API client authenticated with a fresh personal token of a new (or existing) user.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string email, bool admin = false)
    {
        var users = Services.GetRequiredService<UserQueries>();
        var existing = await users.FindByEmailAsync(email);
        var id = existing?.Id ?? (await CreateUserAsync(email, admin: admin)).Id;
        var (_, secret) = await Services.GetRequiredService<ApiTokenStore>().CreateAsync(id, "tests");
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A browser-like client signed in through the real login form.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = CreateBrowser();
        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login for {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return client;
    }
}

/// <summary>The app with its Hangfire server running, for classes that wait on what background jobs do.</summary>
public class EventPlannerAppWithJobs : EventPlannerApp
{
    protected override bool RunsJobs => true;
}

public static partial class FormPosting
{
    /// <summary>GETs the page, takes its antiforgery token, and posts the form as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? getUrl = null)
    {
        var page = await client.GetStringAsync(getUrl ?? url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {getUrl ?? url}.");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryFrom(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public static class ApiJson
{
    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body);
}
