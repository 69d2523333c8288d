using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Privacy;

[Trait("Engine", "Both")]
public sealed class DemoPrivacyTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_keeps_this_years_data_90_days_and_shows_last_years_edition_anonymised_with_its_counts()
    {
        app.CreateClient();
        var data = await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);
        var anonymous = app.CreateClient();

        var current = await anonymous.GetFromJsonAsync<PrivacyNotice>($"/api/events/{DemoEvent.Slug}/privacy");
        var past = await anonymous.GetFromJsonAsync<PrivacyNotice>($"/api/events/{DemoPrivacy.PastSlug}/privacy");
        var pastPage = await anonymous.GetStringAsync($"/events/{DemoPrivacy.PastSlug}/privacy");

        Assert.Equal((DemoPrivacy.RetentionDays, false), (current!.RetentionDays, current.Anonymised));
        Assert.Contains(current.Sections, s => s.Heading == "Tickets and check-in");
        Assert.True(past!.Anonymised);
        Assert.Contains("was anonymised on", pastPage);
        var organiser = app.CreateBrowser();
        await organiser.PostFormAsync("/account/login", new() { ["Input.Email"] = data.Organisers[0].Email, ["Input.Password"] = data.Password });
        var dashboard = await organiser.GetFromJsonAsync<JsonElement>($"/api/events/{DemoPrivacy.PastSlug}/dashboard");
        Assert.Equal(5, dashboard.GetProperty("tickets")[0].GetProperty("sold").GetInt32());
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var (checkIns, named) = await c.QuerySingleAsync<(long, long)>("""
            SELECT (SELECT COUNT(*) FROM ticket_checkins k JOIN events e ON e.id = k.event_id WHERE e.slug = @PastSlug),
                   (SELECT COUNT(*) FROM tickets t JOIN events e ON e.id = t.event_id WHERE e.slug = @PastSlug AND t.badge_name <> '')
            """, new { DemoPrivacy.PastSlug });
        Assert.Equal((4, 0), (checkIns, named));
        Assert.Contains("Privacy", await organiser.GetStringAsync($"/events/{DemoEvent.Slug}/privacy/manage"));
    }
}
