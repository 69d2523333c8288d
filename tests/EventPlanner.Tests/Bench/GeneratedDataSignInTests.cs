using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EventPlanner.Bench.Generator;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Bench;

/// <summary>
/// The app on a database written by the benchmark generator at `small` scale. The generator writes SQLite files: on
/// PostgreSQL (the run's engine) it writes one beside the host's folder, whose rows are copied into the host's own
/// database (<see cref="SqliteToPostgres"/>).
/// </summary>
public sealed class GeneratedSmallApp : EventPlannerApp, IAsyncLifetime
{
    private GeneratedData? _data;
    private string? _database;

    /// <summary>What the generator returned, with the API token secrets it handed out.</summary>
    public GeneratedData Data => _data ?? throw new InvalidOperationException("Not generated yet.");

    protected override IDictionary<string, string?> Settings => _database is null
        ? new Dictionary<string, string?>()
        : new Dictionary<string, string?>
        {
            ["EventPlanner:Database:Provider"] = "postgres",
            ["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(_database),
        };

    public async Task InitializeAsync()
    {
        if (!TestPostgres.HostsRunOnPostgres)
        {
            _data = await DataGenerator.GenerateAsync(DataDirectory, Scales.Small);
            return;
        }
        _data = await DataGenerator.GenerateAsync(DataDirectory + "-generated", Scales.Small);
        var database = TemplateDatabase.CreatePostgresCopy();
        await SqliteToPostgres.CopyAsync(_data.DatabasePath, TestPostgres.ConnectionStringFor(database));
        _database = database;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_database is not null) TestPostgres.DropDatabase(_database);
        try { Directory.Delete(DataDirectory + "-generated", recursive: true); } catch (IOException) { }
    }
}

[Trait("Engine", "Both")] // the generated rows copied into PostgreSQL on the PostgreSQL pass
public sealed class GeneratedDataSignInTests(GeneratedSmallApp app) : IClassFixture<GeneratedSmallApp>
{
    [Fact]
    public async Task Generated_organiser_signs_in_with_the_bench_password_and_manages_the_generated_event()
    {
        var client = app.CreateBrowser();

        var login = await client.PostFormAsync("/account/login", new()
        {
            ["Input.Email"] = "organiser00001@bench-small.example",
            ["Input.Password"] = BenchPassword.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var home = await client.GetStringAsync("/");
        Assert.Contains(Scales.Small.EventName, home);
        Assert.Contains("href=\"/events/bench-small/manage\"", home);
    }

    [Fact]
    public async Task Last_generated_attendee_signs_in_too()
    {
        var client = app.CreateBrowser();

        var login = await client.PostFormAsync("/account/login", new()
        {
            ["Input.Email"] = $"attendee{Scales.Small.Attendees:D5}@bench-small.example",
            ["Input.Password"] = BenchPassword.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Generated_organisers_api_token_lists_the_generated_proposals()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Data.ApiToken(app.Data.OrganiserEmail));

        var list = JsonDocument.Parse(await client.GetStringAsync("/api/events/bench-small/proposals")).RootElement;

        // The organisers' list leaves out drafts; the generated call holds the scale's proposals, a few of them drafts.
        Assert.InRange(list.GetArrayLength(), Scales.Small.Proposals * 8 / 10, Scales.Small.Proposals - 1);
        Assert.All(list.EnumerateArray(), p => Assert.NotEqual("draft", p.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Every_generated_account_has_its_own_working_api_token()
    {
        var scale = Scales.Small;
        Assert.Equal(scale.Accounts, app.Data.ApiTokens.Count);
        Assert.Equal(scale.Accounts, app.Data.ApiTokens.Values.Distinct().Count());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Data.ApiToken(UsersStep.Email(scale, "attendee", scale.Attendees)));

        var tickets = await client.GetAsync("/api/my/tickets");

        Assert.Equal(HttpStatusCode.OK, tickets.StatusCode);
    }
}
