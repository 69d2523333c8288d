using System.Net;
using EventPlanner.Bench.Generator;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Bench;

/// <summary>The app on a database written by the benchmark generator at `small` scale.</summary>
public sealed class GeneratedSmallApp : EventPlannerApp, IAsyncLifetime
{
    public Task InitializeAsync() => DataGenerator.GenerateAsync(DataDirectory, Scales.Small);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

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
}
