using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using EventPlanner.Tests.Infrastructure;
using Json.Schema;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ExportTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<ScheduleEvent> ReleasedEventAsync(string slug, bool isPublic = true)
    {
        var e = await ScheduleKit.CreateAsync(app, slug);
        await ScheduleKit.SpeakerAsync(app, $"speaker-{slug}@example.org", "Ada Lovelace");
        await e.PlaceAsync(await e.SessionAsync("Opening keynote", "keynote", 45, speakers: [$"speaker-{slug}@example.org"]), e.Janson, "09:15");
        await e.PlaceAsync(await e.SessionAsync("Kernel & <friends>", trackId: e.Kernel, minutes: 25), e.Small, "10:00");
        await e.PlaceAsync(await e.SessionAsync("Lunch", "lunch", 60), e.Janson, "12:30", ScheduleKit.Day2);
        await e.SessionAsync("Not placed");
        if (!isPublic)
        {
            var ev = await e.Organiser.GetFromJsonAsync<JsonElement>($"/api/events/{slug}");
            (await e.Organiser.PutAsJsonAsync($"/api/events/{slug}", new
            {
                slug, name = ev.GetProperty("name").GetString(), timeZone = ScheduleKit.Zone, startsOn = ScheduleKit.Day1, endsOn = ScheduleKit.Day2,
                venue = "ULB Solbosch", isPublic = false,
            })).EnsureSuccessStatusCode();
        }
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        return e;
    }

    [Fact]
    public async Task Head_on_each_export_answers_like_get()
    {
        var e = await ReleasedEventAsync("exp-head");
        var client = app.CreateClient();
        var speaker = (await client.GetFromJsonAsync<JsonElement>($"/events/{e.Slug}/schedule.json"))
            .GetProperty("schedule").GetProperty("conference").GetProperty("days")[0].GetProperty("rooms").EnumerateObject()
            .SelectMany(r => r.Value.EnumerateArray()).SelectMany(s => s.GetProperty("persons").EnumerateArray())
            .First().GetProperty("id").GetInt64();

        foreach (var path in new[] { "schedule.json", "schedule.xml", "schedule.ics", "changes.atom", $"speakers/{speaker}/sessions.ics" })
        {
            var get = await client.GetAsync($"/events/{e.Slug}/{path}");
            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/events/{e.Slug}/{path}"));

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            // (Kestrel drops a HEAD answer's body; the in-memory test server does not, so the body is not checked here.)
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/events/no-such-event/schedule.json"))).StatusCode);
    }

    [Fact]
    public async Task Every_page_names_an_icon_that_is_served()
    {
        var client = app.CreateClient();
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\"", await client.GetStringAsync("/"));
        var icon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await icon.Content.ReadAsByteArrayAsync())[..4]); // an ICO header
    }

    [Fact]
    public async Task Schedule_xml_is_valid_against_the_frab_voc_schema()
    {
        var e = await ReleasedEventAsync("exp-xml");
        var xml = await app.CreateClient().GetStringAsync($"/events/{e.Slug}/schedule.xml");

        var schemas = new XmlSchemaSet();
        schemas.Add(null, ScheduleSpecs.PathOf("schedule.xml.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, args) => problems.Add($"{args.Severity}: {args.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings)) while (reader.Read()) { }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var doc = XDocument.Parse(xml);
        Assert.Equal(3, doc.Descendants("event").Count());
        Assert.Equal("Kernel & <friends>", doc.Descendants("event").Single(x => x.Element("type")!.Value == "talk").Element("title")!.Value);
        Assert.Equal("2027-02-06T09:15:00+01:00", doc.Descendants("event").First().Element("date")!.Value);
    }

    [Fact]
    public async Task Schedule_json_is_valid_against_the_frab_voc_json_schema()
    {
        var e = await ReleasedEventAsync("exp-json");
        var json = await app.CreateClient().GetStringAsync($"/events/{e.Slug}/schedule.json");
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(ScheduleSpecs.PathOf("schema.json")));

        // The validator itself agrees with the example that ships with the schema.
        using var example = JsonDocument.Parse(await File.ReadAllTextAsync(ScheduleSpecs.PathOf("pretalx-democon.json")));
        Assert.True(schema.Evaluate(example.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid);

        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        var day1 = doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[0];
        Assert.Equal("Opening keynote", day1.GetProperty("rooms").GetProperty("Janson")[0].GetProperty("title").GetString());
        Assert.Equal("Ada Lovelace", day1.GetProperty("rooms").GetProperty("Janson")[0].GetProperty("persons")[0].GetProperty("public_name").GetString());
    }

    [Fact]
    public async Task Session_ids_and_guids_stay_the_same_across_releases()
    {
        var e = await ReleasedEventAsync("exp-stable");
        var anonymous = app.CreateClient();
        var before = Ids(await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.json"));

        var sessions = await e.Organiser.GetFromJsonAsync<List<EventPlanner.Web.Features.Schedule.SessionResponse>>($"{e.Api}/sessions");
        var keynote = sessions!.Single(s => s.Title == "Opening keynote");
        await e.PlaceAsync(keynote, e.Medium, "11:00");
        await e.PlaceAsync(sessions!.Single(s => s.Title == "Not placed"), e.Small, "15:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var after = Ids(await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.json"));

        Assert.Equal(4, after.Count);
        foreach (var (title, ids) in before) Assert.Equal(ids, after[title]);
        var xml = XDocument.Parse(await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.xml"));
        Assert.Equal(after["Opening keynote"], (long.Parse(xml.Descendants("event").Single(x => x.Element("title")!.Value == "Opening keynote").Attribute("id")!.Value),
            xml.Descendants("event").Single(x => x.Element("title")!.Value == "Opening keynote").Attribute("guid")!.Value));
    }

    private static Dictionary<string, (long, string)> Ids(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days").EnumerateArray()
            .SelectMany(d => d.GetProperty("rooms").EnumerateObject().SelectMany(r => r.Value.EnumerateArray()))
            .ToDictionary(x => x.GetProperty("title").GetString()!, x => (x.GetProperty("id").GetInt64(), x.GetProperty("guid").GetString()!));
    }

    [Fact]
    public async Task The_ics_parses_with_ical_net_and_keeps_the_events_local_times_and_zone()
    {
        var e = await ReleasedEventAsync("exp-ics");
        var text = await app.CreateClient().GetStringAsync($"/events/{e.Slug}/schedule.ics");

        var calendar = Ical.Net.Calendar.Load(text)!;
        var keynote = calendar.Events.Single(x => x.Summary == "Opening keynote");
        Assert.Equal("Europe/Brussels", keynote.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 2, 6, 9, 15, 0), keynote.DtStart.Value);
        Assert.Equal(new DateTime(2027, 2, 6, 10, 0, 0), keynote.DtEnd!.Value);
        Assert.Equal(new DateTime(2027, 2, 6, 8, 15, 0, DateTimeKind.Utc), keynote.DtStart.AsUtc);
        Assert.Equal("Janson", keynote.Location);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Brussels");
        Assert.Equal(3, calendar.Events.Count);
    }

    [Fact]
    public async Task Exports_carry_an_etag_and_last_modified_and_answer_304_to_a_matching_conditional_request()
    {
        var e = await ReleasedEventAsync("exp-etag");
        var client = app.CreateClient();
        foreach (var format in new[] { "json", "xml", "ics" })
        {
            var first = await client.GetAsync($"/events/{e.Slug}/schedule.{format}");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag!;
            Assert.NotNull(first.Content.Headers.LastModified);

            var again = new HttpRequestMessage(HttpMethod.Get, $"/events/{e.Slug}/schedule.{format}");
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
            var since = new HttpRequestMessage(HttpMethod.Get, $"/events/{e.Slug}/schedule.{format}");
            since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);
            var stale = new HttpRequestMessage(HttpMethod.Get, $"/events/{e.Slug}/schedule.{format}");
            stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        }
    }

    [Fact]
    public async Task Exports_are_the_stored_release_not_the_working_schedule()
    {
        var e = await ReleasedEventAsync("exp-stored");
        var client = app.CreateClient();
        var before = await client.GetAsync($"/events/{e.Slug}/schedule.json");
        var sessions = await e.Organiser.GetFromJsonAsync<List<EventPlanner.Web.Features.Schedule.SessionResponse>>($"{e.Api}/sessions");
        await e.PlaceAsync(sessions!.Single(s => s.Title == "Not placed"), e.Small, "16:00");

        var after = await client.GetAsync($"/events/{e.Slug}/schedule.json");

        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.DoesNotContain("Not placed", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hidden_events_exports_do_not_exist_for_strangers_but_its_organisers_see_them_and_the_csv()
    {
        var e = await ReleasedEventAsync("exp-hidden", isPublic: false);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/events/{e.Slug}/schedule.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.GetAsync($"/events/{e.Slug}/schedule.json")).StatusCode);
        var csv = await e.Organiser.GetStringAsync($"/events/{e.Slug}/schedule/manage/export.csv");
        Assert.StartsWith("\uFEFFid,guid,title", csv);
        Assert.Contains("Opening keynote,keynote,,2027-02-06,09:15,10:00,Janson,Ada Lovelace,45", csv);
        var stranger = await app.CreateBrowser().GetAsync($"/events/{e.Slug}/schedule/manage/export.csv");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Contains("/account/login", stranger.Headers.Location!.ToString());
    }
}
