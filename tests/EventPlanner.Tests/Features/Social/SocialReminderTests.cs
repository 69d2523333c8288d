using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Social;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Social;

/// <summary>The recurring reminder job, run by hand with the clock moved (Hangfire's schedule is not under test).</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SocialReminderTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task The_day_before_everyone_coming_is_reminded_once()
    {
        var s = await SocialKit.CreateAsync(app, "soc-remind");
        await s.InviteAsync("yes@example.org", "no@example.org", "quiet@example.org");
        var client = app.CreateClient();
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, "yes@example.org"), true));
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, "no@example.org"), false));
        var job = app.Services.GetRequiredService<SocialReminderJob>();
        var starts = (await s.Organiser.GetFromJsonAsync<SocialEventResponse>(s.Api))!.StartsAt;

        // This class's own host: the clock only moves forward.
        app.Clock.SetUtcNow(starts.AddHours(-30));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
        app.Clock.SetUtcNow(starts.AddHours(-23.5));
        Assert.Equal(1, await job.RunAsync(CancellationToken.None));
        app.Clock.SetUtcNow(starts.AddHours(-22.5));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
        app.Clock.SetUtcNow(starts.AddMinutes(1));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));

        await using var c = await Db.OpenAsync();
        Assert.Equal(["yes@example.org"], await c.QueryAsync<string>("SELECT to_address FROM notifications WHERE kind = 'social-reminder' AND dedupe_key LIKE 'social-reminder:%'"
            + " AND to_address IN ('yes@example.org', 'no@example.org', 'quiet@example.org')"));
    }
}
