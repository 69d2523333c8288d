using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>A small uploads limit (4 KB), so "too large" is cheap to send.</summary>
public sealed class SmallUploadsApp : EventPlannerApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["EventPlanner:Uploads:MaxBytes"] = "4096" };
}

/// <summary>Who may attach (the session's speakers, the event's organisers, nobody else) and bad input refused with nothing saved.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class MaterialAccessTests(SmallUploadsApp app) : IClassFixture<SmallUploadsApp>
{
    private async Task<long> CountAsync(string slug)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM session_materials m JOIN events e ON e.id = m.event_id WHERE e.slug = @slug", new { slug });
    }

    private int FilesOnDisk()
    {
        var folder = Path.Combine(app.DataDirectory, "uploads", "materials");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    [Fact]
    public async Task Only_the_sessions_speakers_and_the_events_organisers_may_attach()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-who");
        var elsewhere = await MaterialKit.CreateAsync(app, "mat-who-else");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var otherSpeaker = await app.CreateApiClientAsync(m.OtherSpeakerEmail);
        var attendee = await app.CreateApiClientAsync("attendee-mat-who@example.org");

        Assert.Equal(HttpStatusCode.Created, (await speaker.AddLinkAsync(m.Api, "slides", "https://slides.example.org/a")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await m.Organiser.AddLinkAsync(m.Api, "recording", "https://video.example.org/a")).StatusCode);

        // A speaker of another session, an organiser of another event, an attendee, nobody signed in.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSpeaker.AddLinkAsync(m.Api, "slides", "https://evil.example.org/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSpeaker.UploadAsync(m.Api, MaterialKit.Pdf(), "x.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.Organiser.AddLinkAsync(m.Api, "slides", "https://evil.example.org/2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.Organiser.PutAsJsonAsync($"/api/events/{m.Slug}/gallery", new { links = new[] { new { title = "x", url = "https://evil.example.org/3" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await attendee.AddLinkAsync(m.Api, "slides", "https://evil.example.org/4")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().AddLinkAsync(m.Api, "slides", "https://evil.example.org/5")).StatusCode);
        // A session id of another event is not found under this one, even for that session's own speaker.
        Assert.Equal(HttpStatusCode.NotFound, (await speaker.AddLinkAsync($"/api/events/{m.Slug}/sessions/{elsewhere.TalkId}/materials", "slides", "https://evil.example.org/6")).StatusCode);
        var removable = (await speaker.ListAsync(m.Api)).First();
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSpeaker.DeleteAsync($"{m.Api}/{removable.Id}")).StatusCode);

        Assert.Equal(2, await CountAsync(m.Slug));
        Assert.Equal(0, await CountAsync(elsewhere.Slug));
    }

    [Fact]
    public async Task A_hidden_events_materials_do_not_exist_for_strangers()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-hidden");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var row = await (await MaterialKit.Ok(await speaker.UploadAsync(m.Api, MaterialKit.Pdf(), "talk.pdf"))).Content.ReadFromJsonAsync<EventPlanner.Web.Features.Materials.MaterialResponse>();
        (await m.Organiser.PutAsJsonAsync($"/api/events/{m.Slug}", new { isPublic = false })).EnsureSuccessStatusCode();

        var stranger = await app.CreateApiClientAsync("stranger-mat-hidden@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(row!.Href)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(m.Api)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/events/{m.Slug}/gallery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await m.Organiser.GetAsync(row.Href)).StatusCode);
    }

    [Fact]
    public async Task Bad_links_are_refused_with_field_messages_and_nothing_is_saved()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-bad");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);

        foreach (var (kind, url) in new[] { ("slides", "javascript:alert(document.cookie)"), ("recording", "ftp://example.org/v.mp4"), ("code", "data:text/html,x"),
                     ("slides", "slides.pdf"), ("talk", "https://example.org/"), ("slides", "https://example.org/" + new string('x', 600)) })
        {
            var response = await speaker.AddLinkAsync(m.Api, kind, url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync());
        }
        var control = await speaker.AddLinkAsync(m.Api, "slides", "https://example.org/", "Slides\u0007");
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);

        // A list with one bad element saves none of the good ones.
        var mixed = await speaker.PutAsJsonAsync($"{m.Api}/links", new { links = new object?[] { new { kind = "code", title = "", url = "https://example.org/ok" }, null,
            new { kind = "recording", title = "", url = "javascript:void(0)" } } });
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var errors = JsonDocument.Parse(await mixed.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("links[1]", out _));
        Assert.True(errors.TryGetProperty("links[2].url", out _));

        // Too many links: refused whole.
        var many = Enumerable.Range(0, 21).Select(i => new { kind = "code", title = "", url = $"https://example.org/{i}" }).ToArray();
        var tooMany = await speaker.PutAsJsonAsync($"{m.Api}/links", new { links = many });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 20", await tooMany.Content.ReadAsStringAsync());
        var badGallery = await m.Organiser.PutAsJsonAsync($"/api/events/{m.Slug}/gallery", new { links = new[] { new { title = "Photos", url = "javascript:alert(1)" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badGallery.StatusCode);

        Assert.Equal(0, await CountAsync(m.Slug));
        Assert.Empty(await m.Organiser.GetFromJsonAsync<List<JsonElement>>($"/api/events/{m.Slug}/gallery") ?? []);

        // The limit holds across requests too: 20 fit, the 21st is refused and the 20 stay.
        Assert.Equal(HttpStatusCode.OK, (await speaker.PutAsJsonAsync($"{m.Api}/links", new { links = many[..20] })).StatusCode);
        var one = await speaker.AddLinkAsync(m.Api, "code", "https://example.org/twenty-one");
        Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
        Assert.Equal(20, await CountAsync(m.Slug));
    }

    [Fact]
    public async Task An_upload_whose_bytes_are_not_what_its_name_says_is_refused_and_nothing_is_kept()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-sniff");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var files = FilesOnDisk();

        foreach (var (bytes, name) in new[] { (Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "slides.pdf"),
                     (MaterialKit.Zip(("word/document.xml", "<w/>"), ("[Content_Types].xml", "<Types/>")), "slides.pptx"),
                     (MaterialKit.Zip(("mimetype", "application/vnd.oasis.opendocument.text")), "slides.odp"), (Array.Empty<byte>(), "empty.pdf") })
        {
            var response = await speaker.UploadAsync(m.Api, bytes, name);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"file\"", await response.Content.ReadAsStringAsync());
        }
        var json = await speaker.PostAsJsonAsync($"{m.Api}/upload", new { file = "JVBERi0=" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);

        Assert.Equal(0, await CountAsync(m.Slug));
        Assert.Equal(files, FilesOnDisk());
        // The real thing under a misleading name is taken for what it is.
        Assert.Equal(HttpStatusCode.Created, (await speaker.UploadAsync(m.Api, MaterialKit.Odp(), "slides.pdf")).StatusCode);
        Assert.EndsWith(".odp", (await speaker.ListAsync(m.Api)).Single().Href);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_with_413_and_a_message()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-big");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var files = FilesOnDisk();

        // Just over the limit: the form is read and the file measured.
        var over = await speaker.UploadAsync(m.Api, MaterialKit.Pdf(padding: 4200), "big.pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Contains("limit is 4 KB", await over.Content.ReadAsStringAsync());
        // Far over: refused from its length before the body is read.
        var far = await speaker.UploadAsync(m.Api, MaterialKit.Pdf(padding: 200_000), "huge.pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, far.StatusCode);

        Assert.Equal(0, await CountAsync(m.Slug));
        Assert.Equal(files, FilesOnDisk());
        Assert.Equal(HttpStatusCode.Created, (await speaker.UploadAsync(m.Api, MaterialKit.Pdf(padding: 3000), "fits.pdf")).StatusCode);
    }
}
