using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Features.Materials;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Materials;

[Trait("Engine", "Both")] // runs in the PostgreSQL pass too (issue 19)
public sealed class DemoMaterialsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_past_meetup_has_slides_recordings_and_links_beside_its_ratings_and_the_big_event_ahead_has_none()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);

        var events = app.Services.GetRequiredService<EventStore>();
        var store = app.Services.GetRequiredService<MaterialStore>();
        var meetup = (await events.FindAsync(DemoFeedback.Slug))!;
        Assert.True(meetup.EndsOn < DateOnly.FromDateTime(DateTime.UtcNow)); // a past day
        var materials = await store.ListForEventAsync(meetup.Id);
        Assert.Equal(7, materials.Count);
        var slides = Assert.Single(materials, m => m.IsFile);
        Assert.Equal("application/pdf", slides.ContentType);
        Assert.Equal(3, materials.Count(m => m.Kind == MaterialRules.Recording));
        Assert.Empty(await store.ListForEventAsync((await events.FindAsync(DemoEvent.Slug))!.Id));

        // The same talks carry ratings: one story after the talks.
        var rated = (await app.Services.GetRequiredService<FeedbackStore>().SummariesAsync(meetup.Id)).Where(s => s.Count > 0).Select(s => s.SessionId).ToHashSet();
        Assert.All(materials.Select(m => m.SessionId).Distinct(), id => Assert.Contains(id, rated));

        // What a visitor sees: the slides download on the session page, the links in schedule.json, the gallery.
        var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync($"/events/{DemoFeedback.Slug}/sessions/{slides.SessionId}");
        Assert.Contains("Recording (34 min)", page);
        var download = await anonymous.GetAsync(MaterialMapping.FileUrl(DemoFeedback.Slug, slides.FileName!));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("running-forgejo-for-a-university.pdf", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync()));
        var json = await anonymous.GetStringAsync($"/events/{DemoFeedback.Slug}/schedule.json");
        Assert.Contains("https://media.fossmy.example/meetup-12/running-forgejo-for-a-university", json);
        Assert.Contains("Meetup #12: talks and the group photo", await anonymous.GetStringAsync($"/events/{DemoFeedback.Slug}"));
    }
}
