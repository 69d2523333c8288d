using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Schema;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule;
using Json.Schema;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>A booked BoF is an ordinary published session: public schedule, exports, kiosk, agendas.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofScheduleTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_booked_bof_is_in_the_public_schedule_exports_kiosk_and_the_agendas_of_the_interested()
    {
        var e = await BofKit.CreateAsync(app, "bof-public", threshold: 1);
        var proposer = await app.UserAsync("proposer");
        var bof = await e.ProposeAsync(proposer, "Rust for Linux BoF", "Bindings, maintainers and what 2027 needs.");
        var early = (await e.InterestedAsync(app, bof.Id, 1))[0];
        var stranger = await app.UserAsync();
        var anonymous = app.CreateClient();
        Assert.DoesNotContain("Rust for Linux BoF", await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.json"));

        await (await e.BookAsync(proposer.Api, bof.Id, e.Evening)).ReadBofAsync();
        var late = (await e.InterestedAsync(app, bof.Id, 1))[0]; // interested after the booking: joins their agenda too

        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.json"));
        var day1 = json.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[0];
        var item = day1.GetProperty("rooms").GetProperty("H.2215").EnumerateArray().Single();
        Assert.Equal(("Rust for Linux BoF", "19:00", "01:00", "other"),
            (item.GetProperty("title").GetString(), item.GetProperty("start").GetString(), item.GetProperty("duration").GetString(), item.GetProperty("type").GetString()));
        Assert.Equal(proposer.Email.Split('@')[0], item.GetProperty("persons")[0].GetProperty("public_name").GetString());
        Assert.Contains("Rust for Linux BoF", await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.xml"));
        Assert.Contains("SUMMARY:Rust for Linux BoF", await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.ics"));
        var grid = await (await anonymous.GetAsync($"/events/{e.Slug}/schedule/{ScheduleKit.Day1}")).HtmlAsync();
        Assert.Contains("Rust for Linux BoF", grid.QuerySelector("main")!.TextContent);
        var releases = await e.Organiser.GetFromJsonAsync<List<ReleaseResponse>>($"{e.S.Api}/releases");
        Assert.Equal([("added", "Rust for Linux BoF")], releases![0].Changes.Select(c => (c.Kind, c.Title)));

        foreach (var fan in new[] { early, late })
        {
            var agenda = await fan.Api.GetFromJsonAsync<List<AgendaItem>>("/api/my/agenda");
            Assert.Equal(["Rust for Linux BoF"], agenda!.Select(a => a.Title));
        }
        Assert.Empty((await stranger.Api.GetFromJsonAsync<List<AgendaItem>>("/api/my/agenda"))!);
        // Leaving the BoF takes it out of that agenda again.
        (await late.Api.DeleteAsync($"/api/events/{e.Slug}/bofs/{bof.Id}/interest")).EnsureSuccessStatusCode();
        Assert.Empty((await late.Api.GetFromJsonAsync<List<AgendaItem>>("/api/my/agenda"))!);

        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-06T18:10:00Z")); // 19:10 in Brussels
        var kiosk = await (await anonymous.GetAsync($"/events/{e.Slug}/kiosk/{e.S.Medium}")).HtmlAsync();
        Assert.Contains("Rust for Linux BoF", kiosk.QuerySelector(".kiosk-now")!.TextContent);
    }

    [Fact]
    public async Task Exports_with_booked_bofs_stay_valid_against_the_schedule_schemas()
    {
        var e = await BofKit.CreateAsync(app, "bof-specs", threshold: 0);
        var day2 = await BofKit.SlotAsync(e.Organiser, e.Api, e.S.Small, ScheduleKit.Day2, "12:30", "13:15");
        var proposer = await app.UserAsync("proposer");
        var bof = await e.ProposeAsync(proposer, "Accessibility <in> GNOME & KDE", "Screen readers, contrast & keyboard use.");
        await (await e.BookAsync(proposer.Api, bof.Id, day2)).ReadBofAsync();
        var anonymous = app.CreateClient();

        var xml = await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.xml");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, ScheduleSpecs.PathOf("schedule.xml.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, args) => problems.Add($"{args.Severity}: {args.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings)) while (reader.Read()) { }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("Accessibility &lt;in&gt; GNOME &amp; KDE", xml);

        // Its own registry: the schema's $id may be registered only once per registry, and the export tests build it too.
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(ScheduleSpecs.PathOf("schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var doc = JsonDocument.Parse(await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.json"));
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        var day2Rooms = doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days")[1].GetProperty("rooms");
        Assert.Equal("Accessibility <in> GNOME & KDE", day2Rooms.GetProperty("K.1.105")[0].GetProperty("title").GetString());
    }
}

/// <summary>On-the-day bookings, by the fake clock in the event's zone (its own fixture: the clock only moves forward).</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofOnTheDayTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task On_the_day_a_slot_can_be_booked_until_it_starts_and_not_after()
    {
        var e = await BofKit.CreateAsync(app, "bof-day", threshold: 0);
        var first = await app.UserAsync("proposer");
        var second = await app.UserAsync("proposer");
        var a = await e.ProposeAsync(first, "Nix users meet-up");
        var b = await e.ProposeAsync(second, "Fediverse moderation tools");

        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-06T11:29:00Z")); // 12:29 in Brussels, a minute before the lunch slot
        Assert.Equal(e.Lunch, (await (await e.BookAsync(first.Api, a.Id, e.Lunch)).ReadBofAsync()).Booking!.SlotId);

        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-06T11:31:00Z")); // 12:31: the slot has started
        await (await e.CancelAsync(first.Api, a.Id)).ReadBofAsync();
        var refused = await e.BookAsync(second.Api, b.Id, e.Lunch);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("has already started", problem.GetProperty("detail").GetString());
        Assert.Equal([e.Evening], problem.GetProperty("alternatives").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()));
        Assert.Equal(e.Evening, (await (await e.BookAsync(second.Api, b.Id, e.Evening)).ReadBofAsync()).Booking!.SlotId);

        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-08T00:00:00Z")); // the day after the event, in Brussels
        var over = await first.Api.PostAsJsonAsync(e.Api, new { title = "Too late" });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
    }
}
