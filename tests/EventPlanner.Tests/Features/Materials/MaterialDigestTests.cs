using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>The daily digest, run by hand with the clock moved (Hangfire's schedule is not under test).</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class MaterialDigestTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<List<(string To, string Body)>> DigestsAsync(string slug)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.QueryAsync<(string, string)>("""
            SELECT n.to_address, n.body FROM notifications n JOIN events e ON e.id = n.event_id
            WHERE n.kind = 'materials-digest' AND e.slug = @slug ORDER BY n.id
            """, new { slug })).Select(d => (d.Item1, TemplateText.ToPlainText(d.Item2))).ToList();
    }

    [Fact]
    public async Task The_days_digest_goes_only_to_those_who_starred_the_session_once_listing_every_new_item_and_never_again_for_the_same()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-digest");
        var starrer = await app.CreateApiClientAsync("starrer-mat-digest@example.org");
        var otherStarrer = await app.CreateApiClientAsync("other-mat-digest@example.org");
        await app.CreateApiClientAsync("nobody-mat-digest@example.org");
        (await starrer.PutAsync($"/api/events/{m.Slug}/agenda/{m.TalkId}", null)).EnsureSuccessStatusCode();
        (await otherStarrer.PutAsync($"/api/events/{m.Slug}/agenda/{m.OtherTalkId}", null)).EnsureSuccessStatusCode();
        var job = app.Services.GetRequiredService<MaterialDigestJob>();
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await MaterialKit.Ok(await speaker.UploadAsync(m.Api, MaterialKit.Pdf(), "rust.pdf", "Slides"));
        await MaterialKit.Ok(await speaker.AddLinkAsync(m.Api, "recording", "https://media.example.org/v/rust", "Recording"));
        // A code link is not what people wait for: it is not announced.
        await MaterialKit.Ok(await speaker.AddLinkAsync(m.Api, "code", "https://salsa.debian.org/rust-team/debcargo", "debcargo"));
        app.Clock.Advance(TimeSpan.FromHours(20));

        Assert.Equal(1, await job.RunAsync(CancellationToken.None));
        var (to, body) = Assert.Single(await DigestsAsync(m.Slug));
        Assert.Equal("starrer-mat-digest@example.org", to);
        Assert.Contains("Packaging Rust for Debian — Slides, Recording", body);
        Assert.DoesNotContain("debcargo", body);
        Assert.Contains("http://localhost/my/agenda", body);

        // The next day: nothing new, nothing sent.
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));

        // Something new on each talk: each starrer is told of theirs, and only of the new item.
        await MaterialKit.Ok(await speaker.AddLinkAsync(m.Api, "slides", "https://speakerdeck.example.org/rust-v2", "Slides, updated"));
        var other = await app.CreateApiClientAsync(m.OtherSpeakerEmail);
        await MaterialKit.Ok(await other.AddLinkAsync(m.OtherApi, "recording", "https://media.example.org/v/cobol"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await job.RunAsync(CancellationToken.None));
        var digests = await DigestsAsync(m.Slug);
        Assert.Equal(3, digests.Count);
        var second = Assert.Single(digests.Skip(1), d => d.To == "starrer-mat-digest@example.org");
        Assert.Contains("Slides, updated", second.Body);
        Assert.DoesNotContain("Recording", second.Body);
        var theirs = Assert.Single(digests, d => d.To == "other-mat-digest@example.org");
        Assert.Contains("COBOL forever — Recording", theirs.Body);
        Assert.DoesNotContain("Packaging Rust", theirs.Body);
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
    }
}
