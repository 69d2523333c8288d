using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Schedule;
using Json.Schema;

namespace EventPlanner.Tests.Features.Community;

/// <summary>A group's sessions are published at once: public schedule, exports (valid against the schemas), kiosk and agendas.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CommunityPublishingTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<(CommunityEvent C, BlockSessionResponse RiscV, BlockSessionResponse Snap)> PublishedAsync(string slug)
    {
        var c = await CommunityKit.CreateAsync(app, slug);
        await c.Schedule.PlaceAsync(await c.Schedule.SessionAsync("Opening keynote", "keynote", 45), c.Schedule.Janson, "09:15");
        await c.ReleaseAsync();
        await ScheduleKit.SpeakerAsync(app, $"aziz-{slug}@example.org", "Aziz Rahman");
        var block = await c.ApprovedBlockAsync(c.Schedule.Medium, "14:00", "16:00");
        var riscV = await c.AddSessionAsync(block.Id, "Ubuntu on RISC-V", "14:00", "14:45", [$"aziz-{slug}@example.org"], ["Mei Lin Ong"]);
        var snap = await c.AddSessionAsync(block.Id, "Snap packaging clinic", "15:00", "15:45", speakerNames: ["Kenji Sato", "Nurul Huda"]);
        return (c, riscV, snap);
    }

    [Fact]
    public async Task Group_sessions_are_in_schedule_json_and_xml_valid_against_the_schemas_with_guests_as_persons()
    {
        var (c, _, _) = await PublishedAsync("cp-exports");
        var anonymous = app.CreateClient();
        var json = await anonymous.GetStringAsync($"/events/{c.Slug}/schedule.json");
        var xml = await anonymous.GetStringAsync($"/events/{c.Slug}/schedule.xml");

        // A registry of its own: the default one refuses a second registration of the same schema id (ExportTests loads it too).
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(ScheduleSpecs.PathOf("schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        var room = doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[0].GetProperty("rooms").GetProperty("H.2215");
        Assert.Equal(["Ubuntu on RISC-V", "Snap packaging clinic"], room.EnumerateArray().Select(x => x.GetProperty("title").GetString()));
        Assert.Equal("Ubuntu Malaysia", room[0].GetProperty("track").GetString());
        var persons = room[0].GetProperty("persons");
        Assert.Equal("Aziz Rahman", persons[0].GetProperty("public_name").GetString());
        Assert.True(persons[0].TryGetProperty("id", out _));
        Assert.Equal("Mei Lin Ong", persons[1].GetProperty("name").GetString());
        Assert.False(persons[1].TryGetProperty("id", out _));

        var schemas = new XmlSchemaSet();
        schemas.Add(null, ScheduleSpecs.PathOf("schedule.xml.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, args) => problems.Add($"{args.Severity}: {args.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings)) while (reader.Read()) { }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var snap = XDocument.Parse(xml).Descendants("event").Single(x => x.Element("title")!.Value == "Snap packaging clinic");
        Assert.Equal(["Kenji Sato", "Nurul Huda"], snap.Descendants("person").Select(p => p.Value));
    }

    [Fact]
    public async Task Group_sessions_show_in_the_public_schedule_session_page_calendar_kiosk_and_can_be_starred()
    {
        var (c, riscV, snap) = await PublishedAsync("cp-public");
        var anonymous = app.CreateClient();

        var grid = await anonymous.GetStringAsync($"/events/{c.Slug}/schedule/{ScheduleKit.Day1}");
        var session = await anonymous.GetStringAsync($"/events/{c.Slug}/sessions/{riscV.Id}");
        var ics = await anonymous.GetStringAsync($"/events/{c.Slug}/schedule.ics");
        Assert.Contains("Ubuntu on RISC-V", grid);
        Assert.Contains("Snap packaging clinic", grid);
        Assert.Contains("Mei Lin Ong", session);
        Assert.Contains("Aziz Rahman", session);
        Assert.Contains("With Kenji Sato\\, Nurul Huda.", ics.Replace("\r\n ", "")); // iCalendar escapes the comma

        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-06T13:10:00Z")); // 14:10 in Brussels
        var kiosk = await (await anonymous.GetAsync($"/events/{c.Slug}/kiosk")).HtmlAsync();
        var medium = kiosk.QuerySelector($"tr[data-room-id='{c.Schedule.Medium}']")!;
        Assert.Equal(riscV.Id.ToString(), medium.QuerySelector(".kiosk-now [data-session-id]")!.GetAttribute("data-session-id"));
        Assert.Equal(snap.Id.ToString(), medium.QuerySelector(".kiosk-next [data-session-id]")!.GetAttribute("data-session-id"));
        Assert.Contains("Mei Lin Ong", medium.QuerySelector(".kiosk-now")!.TextContent);

        var attendee = await app.CreateApiClientAsync("attendee-cp-public@example.org");
        Assert.Equal(HttpStatusCode.NoContent, (await attendee.PutAsync($"/api/events/{c.Slug}/agenda/{snap.Id}", null)).StatusCode);
        var agenda = await attendee.GetFromJsonAsync<List<AgendaItem>>("/api/my/agenda");
        Assert.Equal([("Snap packaging clinic", "H.2215")], agenda!.Select(a => (a.Title, a.Room)));
    }

    [Fact]
    public async Task Editing_and_cancelling_a_group_session_is_published_at_once_and_the_next_organiser_release_has_no_errors_from_it()
    {
        var (c, riscV, snap) = await PublishedAsync("cp-edit");
        var anonymous = app.CreateClient();

        var moved = await c.Host.PutAsJsonAsync($"{c.Api}/blocks/{riscV.BlockId}/sessions/{riscV.Id}", new
        {
            kind = "workshop", title = "Ubuntu on RISC-V, hands-on", start = "14:00", end = "14:55", speakerNames = new[] { "Mei Lin Ong" }, version = riscV.Version,
        });
        var stale = await c.Host.PutAsJsonAsync($"{c.Api}/blocks/{riscV.BlockId}/sessions/{riscV.Id}", new
        {
            title = "Old copy", start = "14:00", end = "14:30", version = riscV.Version,
        });
        var cancelled = await c.Host.DeleteAsync($"{c.Api}/blocks/{snap.BlockId}/sessions/{snap.Id}");
        var json = await anonymous.GetStringAsync($"/events/{c.Slug}/schedule.json");
        var conflicts = await c.Organiser.GetFromJsonAsync<ConflictSummary>($"{c.Schedule.Api}/conflicts");
        var release = await c.Organiser.PostAsJsonAsync($"{c.Schedule.Api}/releases", new { notify = "none" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Contains("Ubuntu on RISC-V, hands-on", json);
        Assert.DoesNotContain("Snap packaging clinic", json);
        Assert.Equal(0, conflicts!.Errors);
        Assert.True(release.IsSuccessStatusCode, await release.Content.ReadAsStringAsync());
        var changes = await c.Organiser.GetFromJsonAsync<List<ReleaseResponse>>($"{c.Schedule.Api}/releases");
        Assert.Contains(changes!, r => r.Changes.Any(x => x.Kind == "cancelled" && x.Title == "Snap packaging clinic"));
    }
}
