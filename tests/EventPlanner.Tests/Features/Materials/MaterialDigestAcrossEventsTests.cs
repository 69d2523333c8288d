using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>Someone who starred sessions in two events gets one digest per event, named after it, whatever the number of files.</summary>
[Trait("Engine", "Both")] // passes on PostgreSQL too (issue 17 follow-up run)
public sealed class MaterialDigestAcrossEventsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Two_events_starred_make_one_mail_each_named_after_its_event_never_one_per_file_and_never_twice()
    {
        var first = await MaterialKit.CreateAsync(app, "mat-two-a");
        var second = await MaterialKit.CreateAsync(app, "mat-two-b");
        const string fan = "fan-mat-two@example.org";
        var attendee = await app.CreateApiClientAsync(fan);
        foreach (var (slug, talk) in new[] { (first.Slug, first.TalkId), (first.Slug, first.OtherTalkId), (second.Slug, second.TalkId) })
            (await attendee.PutAsync($"/api/events/{slug}/agenda/{talk}", null)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        // Five files and links across two sessions of the first event, two of the second.
        var a = await app.CreateApiClientAsync(first.SpeakerEmail);
        await MaterialKit.Ok(await a.UploadAsync(first.Api, MaterialKit.Pdf(), "rust.pdf", "Slides"));
        await MaterialKit.Ok(await a.AddLinkAsync(first.Api, "recording", "https://media.example.org/v/rust", "Recording"));
        await MaterialKit.Ok(await a.AddLinkAsync(first.Api, "slides", "https://slides.example.org/rust-handout", "Handout"));
        var b = await app.CreateApiClientAsync(first.OtherSpeakerEmail);
        await MaterialKit.Ok(await b.AddLinkAsync(first.OtherApi, "slides", "https://slides.example.org/cobol", "Slides"));
        await MaterialKit.Ok(await b.AddLinkAsync(first.OtherApi, "recording", "https://media.example.org/v/cobol", "Recording"));
        var c2 = await app.CreateApiClientAsync(second.SpeakerEmail);
        await MaterialKit.Ok(await c2.UploadAsync(second.Api, MaterialKit.Pdf(), "rust.pdf", "Slides"));
        await MaterialKit.Ok(await c2.AddLinkAsync(second.Api, "recording", "https://media.example.org/v/rust-b", "Recording"));
        app.Clock.Advance(TimeSpan.FromHours(20));

        // Two nodes (or a retry) running the job at once still queue one mail per event.
        var job = app.Services.GetRequiredService<MaterialDigestJob>();
        var queued = await Task.WhenAll(job.RunAsync(CancellationToken.None), job.RunAsync(CancellationToken.None));
        Assert.Equal(2, queued.Sum());
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));

        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var mails = (await c.QueryAsync<(string Slug, string Subject, string Body)>("""
            SELECT e.slug, n.subject, n.body FROM notifications n JOIN events e ON e.id = n.event_id
            WHERE n.kind = 'materials-digest' AND n.to_address = @fan ORDER BY e.slug
            """, new { fan })).ToList();
        Assert.Equal(["mat-two-a", "mat-two-b"], mails.Select(m => m.Slug));
        Assert.Equal("New slides and recordings: Event mat-two-a", mails[0].Subject);
        Assert.Equal("New slides and recordings: Event mat-two-b", mails[1].Subject);
        var firstBody = TemplateText.ToPlainText(mails[0].Body);
        Assert.Contains("Packaging Rust for Debian — Slides, Recording, Slides: Handout", firstBody);
        Assert.Contains("COBOL forever — Slides, Recording", firstBody);
        Assert.DoesNotContain("rust-b", firstBody);
        var secondBody = TemplateText.ToPlainText(mails[1].Body);
        Assert.Contains("Packaging Rust for Debian — Slides, Recording", secondBody);
        Assert.DoesNotContain("COBOL", secondBody);
    }
}
