using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EventPlanner.Bench.Generator;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Bench;

/// <summary>The app on a database written by the benchmark generator at `small` scale.</summary>
public sealed class GeneratedSmallApp : EventPlannerApp, IAsyncLifetime
{
    private GeneratedData? _data;

    /// <summary>What the generator returned, with the API token secrets it handed out.</summary>
    public GeneratedData Data => _data ?? throw new InvalidOperationException("Not generated yet.");

    public async Task InitializeAsync() => _data = await DataGenerator.GenerateAsync(DataDirectory, Scales.Small);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

// SQLite-only: the benchmark generator writes SQLite files, so the host runs on the generated file (issue 19)
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
