using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using Json.Schema;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>Materials show on the public pages and in the exports at once, without a new release, and uploads are served as downloads.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class MaterialPublishingTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Slides_and_a_recording_appear_on_the_session_and_speaker_pages_and_in_every_export_without_a_release()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-pub");
        var anonymous = app.CreateClient();
        var before = await anonymous.GetAsync($"/events/{m.Slug}/schedule.json");
        var etagBefore = before.Headers.ETag!.Tag;
        Assert.DoesNotContain("Slides (PDF)", await anonymous.GetStringAsync($"/events/{m.Slug}/sessions/{m.TalkId}"));

        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var upload = await MaterialKit.Ok(await speaker.UploadAsync(m.Api, MaterialKit.Pdf(), "rust-debian.pdf", "Slides (PDF)"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await MaterialKit.Ok(await speaker.AddLinkAsync(m.Api, "recording", "https://media.example.org/v/mat-pub-rust", "Recording"));
        await MaterialKit.Ok(await speaker.AddLinkAsync(m.Api, "code", "https://salsa.debian.org/rust-team/debcargo", "debcargo"));
        var file = (await anonymous.ListAsync(m.Api)).Single(x => x.IsFile).Href;

        // The public session page (cached for anonymous readers: the triggers moved the data version).
        var page = await anonymous.GetStringAsync($"/events/{m.Slug}/sessions/{m.TalkId}");
        Assert.Contains($"href=\"{file}\"", page);
        Assert.Contains("https://media.example.org/v/mat-pub-rust", page);
        Assert.DoesNotContain("<iframe", page); // a link, never an embedded player
        var other = await anonymous.GetStringAsync($"/events/{m.Slug}/sessions/{m.OtherTalkId}");
        Assert.DoesNotContain(file, other);
        var speakerId = JsonDocument.Parse(await anonymous.GetStringAsync($"/events/{m.Slug}/schedule.json")).RootElement
            .GetProperty("schedule").GetProperty("conference").GetProperty("days")[0].GetProperty("rooms").GetProperty("Janson")[0]
            .GetProperty("persons")[0].GetProperty("id").GetInt64();
        Assert.Contains($"href=\"{file}\"", await anonymous.GetStringAsync($"/events/{m.Slug}/speakers/{speakerId}"));

        // schedule.json: a new ETag (readers revalidating get the new bytes), still valid against the schema.
        var after = await anonymous.GetAsync($"/events/{m.Slug}/schedule.json");
        Assert.NotEqual(etagBefore, after.Headers.ETag!.Tag);
        var json = await after.Content.ReadAsStringAsync();
        // Its own registry: the schema has an $id, and other test classes build it at the same time.
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(ScheduleSpecs.PathOf("schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        var talk = doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[0].GetProperty("rooms").GetProperty("Janson")[0];
        var attachment = Assert.Single(talk.GetProperty("attachments").EnumerateArray());
        Assert.Equal("slides", attachment.GetProperty("type").GetString());
        Assert.Equal($"http://localhost{file}", attachment.GetProperty("url").GetString());
        var links = talk.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("type").GetString(), l.GetProperty("url").GetString())).ToList();
        Assert.Contains(("media", "https://media.example.org/v/mat-pub-rust"), links);
        Assert.Contains(("related", "https://salsa.debian.org/rust-team/debcargo"), links);
        var otherTalk = doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[0].GetProperty("rooms").GetProperty("K.1.105")[0];
        Assert.Empty(otherTalk.GetProperty("attachments").EnumerateArray());

        // schedule.xml: valid against the frab/voc XSD, with the same links and attachment.
        var xml = await anonymous.GetStringAsync($"/events/{m.Slug}/schedule.xml");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, ScheduleSpecs.PathOf("schedule.xml.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, args) => problems.Add($"{args.Severity}: {args.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings)) while (reader.Read()) { }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var xTalk = XDocument.Parse(xml).Descendants("event").Single(x => x.Element("title")!.Value == "Packaging Rust for Debian");
        Assert.Equal($"http://localhost{file}", xTalk.Element("attachments")!.Element("attachment")!.Attribute("href")!.Value);
        Assert.Contains(xTalk.Element("links")!.Elements("link"), l => l.Attribute("href")!.Value == "https://media.example.org/v/mat-pub-rust" && l.Attribute("type")!.Value == "media");

        // iCalendar: the description carries the links (calendar apps show little else).
        var ics = (await anonymous.GetStringAsync($"/events/{m.Slug}/schedule.ics")).Replace("\r\n ", "");
        Assert.Contains("Recording: https://media.example.org/v/mat-pub-rust", ics);
        Assert.Contains($"http://localhost{file}", ics);
        Assert.Contains("https://media.example.org/v/mat-pub-rust", (await anonymous.GetStringAsync($"/events/{m.Slug}/speakers/{speakerId}/sessions.ics")).Replace("\r\n ", ""));
    }

    [Fact]
    public async Task Removing_the_last_material_serves_the_release_as_it_was_stored()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-undo");
        var anonymous = app.CreateClient();
        var stored = await anonymous.GetAsync($"/events/{m.Slug}/schedule.xml");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var added = await (await MaterialKit.Ok(await speaker.AddLinkAsync(m.Api, "slides", "https://slides.example.org/rust"))).Content
            .ReadFromJsonAsync<EventPlanner.Web.Features.Materials.MaterialResponse>();
        Assert.Contains("https://slides.example.org/rust", await anonymous.GetStringAsync($"/events/{m.Slug}/schedule.xml"));

        Assert.Equal(HttpStatusCode.NoContent, (await speaker.DeleteAsync($"{m.Api}/{added!.Id}")).StatusCode);

        var again = await anonymous.GetAsync($"/events/{m.Slug}/schedule.xml");
        Assert.Equal(stored.Headers.ETag!.Tag, again.Headers.ETag!.Tag);
        Assert.Equal(await stored.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_served_upload_is_a_download_of_the_type_its_bytes_are_under_a_safe_name()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-serve");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var pptx = MaterialKit.Pptx();
        // The name claims a PDF and the browser claims HTML; the bytes are a PPTX, and that is what is served.
        var row = await (await MaterialKit.Ok(await speaker.UploadAsync(m.Api, pptx, "../My talk (v2).pdf", contentType: "text/html"))).Content
            .ReadFromJsonAsync<EventPlanner.Web.Features.Materials.MaterialResponse>();
        Assert.Matches("^/events/mat-serve/materials/[0-9a-f]{32}\\.pptx$", row!.Href);

        var response = await app.CreateClient().GetAsync(row.Href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("My-talk-v2.pptx", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal("application/vnd.openxmlformats-officedocument.presentationml.presentation", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pptx, await response.Content.ReadAsByteArrayAsync());
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "uploads", "materials", row.Href.Split('/')[^1])));

        // Only under its own event, and only names we made.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(row.Href.Replace("/mat-serve/", "/mat-pub/"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/events/{m.Slug}/materials/{new string('0', 32)}.pdf")).StatusCode);
    }
}
