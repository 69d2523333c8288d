using System.Net;
using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Materials;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Materials;

public sealed class DemoMaterialsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_slides_a_recording_and_code_on_the_first_days_talks_and_a_photo_gallery()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);

        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoEvent.Slug))!;
        var materials = await app.Services.GetRequiredService<MaterialStore>().ListForEventAsync(e.Id);
        Assert.Equal(6, materials.Count);
        var slides = Assert.Single(materials, m => m.IsFile);
        Assert.Equal("application/pdf", slides.ContentType);
        Assert.Equal(3, materials.Count(m => m.Kind == MaterialRules.Recording));

        // What a visitor sees: the slides download on the session page, the links in schedule.json, the gallery.
        var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/sessions/{slides.SessionId}");
        Assert.Contains("Recording (42 min)", page);
        var download = await anonymous.GetAsync(MaterialMapping.FileUrl(DemoEvent.Slug, slides.FileName!));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("kubernetes-on-a-shoestring.pdf", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync()));
        var json = await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/schedule.json");
        Assert.Contains("https://media.fossmy.example/2026/kubernetes-on-a-shoestring", json);
        Assert.Contains("Day 2: workshops and the group photo", await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}"));
    }
}
