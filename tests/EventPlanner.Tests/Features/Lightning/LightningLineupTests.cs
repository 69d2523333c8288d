using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Schedule;
using Json.Schema;

namespace EventPlanner.Tests.Features.Lightning;

/// <summary>Organisers' work on the line-up (reorder, move, lock, outcomes), slides uploads, and the public schedule once locked.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningLineupTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<(LightningEvent L, List<Person> People)> FilledAsync(string slug, int people, int minutes = 15)
    {
        var l = await LightningKit.CreateAsync(app, slug, minutes: minutes, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var list = new List<Person>();
        for (var i = 0; i < people; i++)
        {
            var p = await app.PersonAsync($"{slug}-{i}@example.org", $"Speaker {(char)('A' + i)}");
            await p.SignedUpAsync(l, $"Talk {(char)('A' + i)}");
            list.Add(p);
        }
        return (l, list);
    }

    [Fact]
    public async Task Reordering_names_the_version_read_and_every_talk_once_and_a_locked_line_up_takes_no_sign_ups_or_offers()
    {
        var (l, people) = await FilledAsync("lt-order", 4); // 3 slots, 1 waiting
        var lineup = await l.LineupAsync();
        var ids = lineup.RunningOrder.Select(t => t.Id).ToList();

        var stale = await l.Organiser.PutAsJsonAsync($"{l.Api}/order", new { version = lineup.Session.Version - 1, talkIds = ids.AsEnumerable().Reverse() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var missing = await l.Organiser.PutAsJsonAsync($"{l.Api}/order", new { version = lineup.Session.Version, talkIds = ids.Take(2) });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var twice = await l.Organiser.PutAsJsonAsync($"{l.Api}/order", new { version = lineup.Session.Version, talkIds = new[] { ids[0], ids[0], ids[1] } });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var ok = await l.Organiser.PutAsJsonAsync($"{l.Api}/order", new { version = lineup.Session.Version, talkIds = new[] { ids[2], ids[0], ids[1] } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var reordered = (await ok.Content.ReadFromJsonAsync<OrganiserLineupResponse>())!;
        Assert.Equal(["Talk C", "Talk A", "Talk B"], reordered.RunningOrder.Select(t => t.Title));
        Assert.Equal(LightningKit.StartsAt.AddMinutes(5), reordered.RunningOrder[1].PlannedStart);

        // Only organisers of this event reorder.
        Assert.Equal(HttpStatusCode.Forbidden, (await people[0].Api.PutAsJsonAsync($"{l.Api}/order", new { version = 1, talkIds = ids })).StatusCode);

        // Locking with an offer pending is refused; once it is confirmed, the line-up locks.
        Assert.Equal(HttpStatusCode.NoContent, (await people[1].Api.DeleteAsync($"{l.Api}/talks/mine")).StatusCode);
        var pending = await l.Organiser.PostAsync($"{l.Api}/lock", null);
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Contains("to confirm", await pending.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await people[3].Api.PostAsync($"{l.Api}/talks/mine/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.PostAsync($"{l.Api}/lock", null)).StatusCode);

        var late = await (await app.PersonAsync("lt-order-late@example.org")).SignUpAsync(l);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("locked", await late.Content.ReadAsStringAsync());

        // A speaker may still drop out of a locked line-up; nobody is promoted while it is locked.
        var waiting = await app.PersonAsync("lt-order-waiting@example.org");
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.DeleteAsync($"{l.Api}/lock")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await waiting.SignUpAsync(l)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.PostAsync($"{l.Api}/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await people[0].Api.DeleteAsync($"{l.Api}/talks/mine")).StatusCode);
        Assert.Equal(TalkStatuses.Waitlisted, (await waiting.MineAsync(l))!.Status);
        Assert.Equal(2, (await l.LineupAsync()).RunningOrder.Count);

        // Unlocking offers the free slot to the queue again.
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.DeleteAsync($"{l.Api}/lock")).StatusCode);
        Assert.Equal(TalkStatuses.Offered, (await waiting.MineAsync(l))!.Status);
    }

    [Fact]
    public async Task Talks_move_to_a_free_slot_of_another_unlocked_session_and_their_speaker_is_told()
    {
        var (l, people) = await FilledAsync("lt-move", 3);
        var other = await l.AnotherSessionAsync("Lightning talks, evening", "19:00", new { slotMinutes = 5, changeoverMinutes = 0 }, minutes: 5);
        var talk = (await l.LineupAsync()).RunningOrder[0];

        var moved = await l.Organiser.PostAsJsonAsync($"{l.Api}/talks/{talk.Id}/move", new { toSessionId = other });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await app.Mail.WaitForAsync("lt-move-0@example.org", "moved to Lightning talks, evening");
        Assert.Equal(2, (await l.LineupAsync()).RunningOrder.Count);

        // The evening session is full now (one slot), and a locked source refuses to give talks away.
        var second = (await l.LineupAsync()).RunningOrder[0];
        var full = await l.Organiser.PostAsJsonAsync($"{l.Api}/talks/{second.Id}/move", new { toSessionId = other });
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("no free slot", await full.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.PostAsync($"{l.Api}/lock", null)).StatusCode);
        var locked = await l.Organiser.PostAsJsonAsync($"/api/events/{l.Slug}/lightning/{other}/talks/{talk.Id}/move", new { toSessionId = l.SessionId });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Contains("Unlock", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Uploaded_slides_must_be_a_pdf_within_the_size_limit_and_are_served_under_a_random_name()
    {
        var (l, people) = await FilledAsync("lt-slides", 1);
        var speaker = people[0];
        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name, string type)
        {
            var content = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "slides", name);
            return await speaker.Api.PostAsync($"{l.Api}/talks/mine/slides/upload", content);
        }

        var tooLarge = new byte[LightningRules.MaxSlidesBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(tooLarge);
        var large = await UploadAsync(tooLarge, "big.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Contains("the limit is 10 MB", await large.Content.ReadAsStringAsync());
        var png = await UploadAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "slides.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, png.StatusCode);
        Assert.Contains("must be a PDF", await png.Content.ReadAsStringAsync());
        var html = await UploadAsync("<script>alert(1)</script>"u8.ToArray(), "x.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        var empty = await UploadAsync([], "x.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Null((await speaker.MineAsync(l))!.Slides);

        var good = await UploadAsync("%PDF-1.4\n% five slides\n"u8.ToArray(), "../../etc/passwd.pdf", "application/octet-stream");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var link = (await speaker.MineAsync(l))!.Slides!;
        Assert.Matches($"^/events/{l.Slug}/lightning/slides/[0-9a-f]{{48}}\\.pdf$", link);
        var served = await app.CreateClient().GetAsync(link);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-1.4", await served.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/events/{l.Slug}/lightning/slides/{new string('0', 48)}.pdf")).StatusCode);

        // Someone without a talk here has nothing to attach slides to.
        var stranger = await app.PersonAsync("lt-slides-stranger@example.org");
        var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "slides", "s.pdf" } };
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsync($"{l.Api}/talks/mine/slides/upload", content)).StatusCode);
    }

    [Fact]
    public async Task Slides_are_served_only_under_their_own_event_and_a_hidden_events_slides_only_to_its_team()
    {
        var (l, people) = await FilledAsync("lt-slides-own", 1);
        var other = await LightningKit.CreateAsync(app, "lt-slides-other");
        var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n"u8.ToArray()), "slides", "s.pdf" } };
        Assert.Equal(HttpStatusCode.OK, (await people[0].Api.PostAsync($"{l.Api}/talks/mine/slides/upload", content)).StatusCode);
        var link = (await people[0].MineAsync(l))!.Slides!;
        var name = link[(link.LastIndexOf('/') + 1)..];
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/events/{other.Slug}/lightning/slides/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/events/no-such-event/lightning/slides/{name}")).StatusCode);

        // Hidden: strangers (anonymous or signed in) get the unknown-event 404; the organiser still sees them.
        (await l.Organiser.PutAsJsonAsync($"/api/events/{l.Slug}", new { isPublic = false })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link)).StatusCode);
        var stranger = await app.PersonAsync("lt-slides-own-stranger@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Given_or_no_show_is_marked_once_the_session_has_started()
    {
        var (l, _) = await FilledAsync("lt-outcome", 2);
        var talk = (await l.LineupAsync()).RunningOrder[0];
        var early = await l.Organiser.PutAsJsonAsync($"{l.Api}/talks/{talk.Id}/outcome", new { outcome = "given" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await l.Organiser.PutAsJsonAsync($"{l.Api}/talks/{talk.Id}/outcome", new { outcome = "late" })).StatusCode);
    }
}

/// <summary>The public side; moves the clock forward (it cannot go back), so it has an app of its own.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningPublicTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<(LightningEvent L, List<Person> People)> FilledAsync(string slug, int people, int minutes = 15)
    {
        var l = await LightningKit.CreateAsync(app, slug, minutes: minutes, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var list = new List<Person>();
        for (var i = 0; i < people; i++)
        {
            var p = await app.PersonAsync($"{slug}-{i}@example.org", $"Speaker {(char)('A' + i)}");
            await p.SignedUpAsync(l, $"Talk {(char)('A' + i)}");
            list.Add(p);
        }
        return (l, list);
    }

    [Fact]
    public async Task A_locked_line_up_appears_at_once_in_the_public_session_page_exports_and_kiosk_and_leaves_when_unlocked()
    {
        var (l, people) = await FilledAsync("lt-public", 3);
        var anonymous = app.CreateClient();
        Assert.DoesNotContain("Talk A", await anonymous.GetStringAsync($"/events/{l.Slug}/schedule.json"));

        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.PostAsync($"{l.Api}/lock", null)).StatusCode);

        var json = await anonymous.GetStringAsync($"/events/{l.Slug}/schedule.json");
        using (var doc = JsonDocument.Parse(json))
        {
            // A registry of its own: the global one refuses a second registration of the same $id (ExportTests loads it too).
            var schema = JsonSchema.FromText(await File.ReadAllTextAsync(ScheduleSpecs.PathOf("schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, JsonSerializer.Serialize(result));
            var ev = doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[0].GetProperty("rooms").GetProperty("Janson")[0];
            Assert.Contains("Line-up:\n17:00 Talk A — Speaker A\n17:05 Talk B — Speaker B\n17:10 Talk C — Speaker C", ev.GetProperty("description").GetString());
        }
        var xml = await anonymous.GetStringAsync($"/events/{l.Slug}/schedule.xml");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, ScheduleSpecs.PathOf("schedule.xml.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, args) => problems.Add($"{args.Severity}: {args.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings)) while (reader.Read()) { }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("17:05 Talk B — Speaker B", XDocument.Parse(xml).Descendants("event").Single().Element("description")!.Value);
        Assert.Contains("Talk C", (await anonymous.GetStringAsync($"/events/{l.Slug}/schedule.ics")).Replace("\r\n ", ""));

        var page = await (await anonymous.GetAsync($"/events/{l.Slug}/sessions/{l.SessionId}")).HtmlAsync();
        Assert.Equal(["Talk A", "Talk B", "Talk C"], page.QuerySelectorAll(".lineup [data-part] .part-title").Select(x => x.TextContent.Trim()));

        app.Clock.SetUtcNow(LightningKit.StartsAt.AddMinutes(6)); // 17:06 in Brussels: Talk B is on
        var kiosk = await (await anonymous.GetAsync($"/events/{l.Slug}/kiosk")).HtmlAsync();
        Assert.Contains("Talk B", kiosk.QuerySelector($"tr[data-room-id='{l.Schedule.Janson}'] .kiosk-now .kiosk-part")!.TextContent);

        // The session has started: talks can be marked given or no-show now.
        var first = (await l.LineupAsync()).RunningOrder[0];
        Assert.Equal(HttpStatusCode.NoContent, (await l.Organiser.PutAsJsonAsync($"{l.Api}/talks/{first.Id}/outcome", new { outcome = "given" })).StatusCode);
        Assert.Equal("given", (await l.LineupAsync()).RunningOrder[0].Outcome);

        // Changes after the lock publish at once; unlocking takes the line-up off the public pages.
        var lineup = await l.LineupAsync();
        var ids = lineup.RunningOrder.Select(t => t.Id).Reverse().ToList();
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.PutAsJsonAsync($"{l.Api}/order", new { version = lineup.Session.Version, talkIds = ids })).StatusCode);
        using (var after = JsonDocument.Parse(await anonymous.GetStringAsync($"/events/{l.Slug}/schedule.json")))
        {
            var ev = after.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[0].GetProperty("rooms").GetProperty("Janson")[0];
            Assert.Contains("17:00 Talk C — Speaker C", ev.GetProperty("description").GetString());
        }
        var releases = await l.Organiser.GetFromJsonAsync<List<JsonElement>>($"/api/events/{l.Slug}/schedule/releases");
        Assert.True(releases!.Count >= 3);
        Assert.Equal(HttpStatusCode.OK, (await l.Organiser.DeleteAsync($"{l.Api}/lock")).StatusCode);
        Assert.DoesNotContain("Talk A", await anonymous.GetStringAsync($"/events/{l.Slug}/schedule.json"));
    }
}
