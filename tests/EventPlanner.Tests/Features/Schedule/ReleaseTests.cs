using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReleaseTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static async Task<ReleaseResponse> ReleaseAsync(ScheduleEvent e, string notify = "none", bool? @override = null, string? reason = null)
    {
        var response = await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify, @override, reason });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ReleaseResponse>())!;
    }

    private static IEnumerable<(string, string)> Lines(ReleaseResponse r) => r.Changes.Select(c => (c.Kind, c.Title));

    [Fact]
    public async Task Three_releases_each_list_what_was_added_moved_moved_room_and_cancelled_since_the_one_before()
    {
        var e = await ScheduleKit.CreateAsync(app, "rel-three");
        var a = await e.PlaceAsync(await e.SessionAsync("Alpha"), e.Janson, "10:00");
        var b = await e.PlaceAsync(await e.SessionAsync("Beta"), e.Small, "10:00");
        await e.SessionAsync("Never placed");

        var first = await ReleaseAsync(e);
        Assert.Equal(1, first.Number);
        Assert.Equal([("added", "Alpha"), ("added", "Beta")], Lines(first).Order());

        await e.PlaceAsync(a, e.Janson, "11:00");
        await e.PlaceAsync(b, e.Medium, "10:00");
        var c = await e.PlaceAsync(await e.SessionAsync("Gamma"), e.Small, "14:00");
        var second = await ReleaseAsync(e);
        Assert.Equal(2, second.Number);
        Assert.Equal([("added", "Gamma"), ("moved", "Alpha"), ("room-changed", "Beta")], Lines(second).Order());
        var moved = second.Changes.Single(x => x.Kind == "moved");
        Assert.Equal((DateTimeOffset.Parse("2027-02-06T09:00:00Z"), DateTimeOffset.Parse("2027-02-06T10:00:00Z")), (moved.FromStart!.Value, moved.ToStart!.Value));
        Assert.Equal(("K.1.105", "H.2215"), (second.Changes.Single(x => x.Kind == "room-changed").FromRoom, second.Changes.Single(x => x.Kind == "room-changed").ToRoom));

        var gamma = await e.GetAsync(c.Id);
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/sessions/{c.Id}", new
        {
            kind = "talk", title = "Gamma", durationMinutes = 30, isCancelled = true, version = gamma.Version,
        })).EnsureSuccessStatusCode();
        var beta = await e.GetAsync(b.Id);
        await e.PlaceRawAsync(b.Id, null, null, null, beta.Version); // taken off the grid
        var third = await ReleaseAsync(e);
        Assert.Equal([("cancelled", "Beta"), ("cancelled", "Gamma")], Lines(third).Order());

        var all = await e.Organiser.GetFromJsonAsync<List<ReleaseResponse>>($"{e.Api}/releases");
        Assert.Equal([3, 2, 1], all!.Select(r => r.Number));
    }

    [Fact]
    public async Task A_schedule_with_errors_is_released_only_with_an_explicit_override_and_a_reason()
    {
        var e = await ScheduleKit.CreateAsync(app, "rel-override");
        await e.PlaceAsync(await e.SessionAsync("One"), e.Small, "10:00");
        await e.PlaceAsync(await e.SessionAsync("Two"), e.Small, "10:00");

        var refused = await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" });
        var noReason = await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none", @override = true });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("override", (await refused.FieldErrorsAsync()).Keys);
        Assert.Contains("reason", (await noReason.FieldErrorsAsync()).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/events/{e.Slug}/schedule.json")).StatusCode);

        var released = await ReleaseAsync(e, @override: true, reason: "The room is split in two halves.");
        Assert.Equal((2, "The room is split in two halves."), (released.ErrorCount, released.OverrideReason));
    }

    [Fact]
    public async Task A_release_notifies_the_affected_speakers_and_agenda_holders_only()
    {
        var e = await ScheduleKit.CreateAsync(app, "rel-notify");
        var movedSpeaker = await ScheduleKit.SpeakerAsync(app, "moved-speaker@example.org", "Moved Speaker");
        var stillSpeaker = await ScheduleKit.SpeakerAsync(app, "still-speaker@example.org", "Still Speaker");
        var moving = await e.PlaceAsync(await e.SessionAsync("Moving talk", speakers: ["moved-speaker@example.org"]), e.Janson, "10:00");
        var staying = await e.PlaceAsync(await e.SessionAsync("Staying talk", speakers: ["still-speaker@example.org"]), e.Small, "10:00");
        await ReleaseAsync(e, notify: "immediate"); // version 1: everything is new; speakers hear about it
        var fan = await app.CreateApiClientAsync("fan@example.org");
        var other = await app.CreateApiClientAsync("other-fan@example.org");
        (await fan.PutAsync($"/api/events/{e.Slug}/agenda/{moving.Id}", null)).EnsureSuccessStatusCode();
        (await other.PutAsync($"/api/events/{e.Slug}/agenda/{staying.Id}", null)).EnsureSuccessStatusCode();

        await e.PlaceAsync(moving, e.Janson, "15:00");
        var second = await ReleaseAsync(e, notify: "immediate");
        await e.PlaceAsync(await e.GetAsync(moving.Id), e.Janson, "16:00");
        var third = await ReleaseAsync(e, notify: "held");

        var rows = await NotificationsAsync(e.Slug);
        var v2 = rows.Where(r => r.Version == second.Number).ToList();
        Assert.Equal(["fan@example.org:schedule-changed-attendee", "moved-speaker@example.org:schedule-changed-speaker"],
            v2.Select(r => $"{r.Email}:{r.Kind}").Order());
        Assert.Contains("Moved from Sat 6 Feb 10:00 to Sat 6 Feb 15:00", v2.Single(r => r.Email == "fan@example.org").Body);
        Assert.Contains($"/events/{e.Slug}/speakers/{movedSpeaker}/sessions.ics", v2.Single(r => r.Email == "moved-speaker@example.org").Body);
        Assert.All(v2, r => Assert.NotEqual("held", r.State));
        var v3 = rows.Where(r => r.Version == third.Number).ToList();
        Assert.Equal(2, v3.Count);
        Assert.All(v3, r => Assert.Equal("held", r.State));
        Assert.DoesNotContain(rows, r => r.Email is "still-speaker@example.org" or "other-fan@example.org" && r.Version > 1);
        Assert.Contains(rows, r => r.Email == "still-speaker@example.org" && r.Version == 1); // version 1 added their session
        _ = stillSpeaker;
    }

    [Fact]
    public async Task A_speakers_release_mail_carries_their_own_sessions_as_an_ics_in_the_events_zone_and_an_attendees_mail_has_none()
    {
        var e = await ScheduleKit.CreateAsync(app, "rel-ics");
        await ScheduleKit.SpeakerAsync(app, "ics-speaker@example.org", "Ics Speaker");
        await ScheduleKit.SpeakerAsync(app, "ics-other@example.org", "Other Speaker");
        var moving = await e.PlaceAsync(await e.SessionAsync("Attached talk", minutes: 45, speakers: ["ics-speaker@example.org"]), e.Janson, "10:00");
        var second = await e.PlaceAsync(await e.SessionAsync("Their workshop", minutes: 30, speakers: ["ics-speaker@example.org"]), e.Medium, "14:00", ScheduleKit.Day2);
        await e.PlaceAsync(await e.SessionAsync("Someone else's talk", speakers: ["ics-other@example.org"]), e.Small, "10:00");
        await ReleaseAsync(e);
        var fan = await app.CreateApiClientAsync("ics-fan@example.org");
        (await fan.PutAsync($"/api/events/{e.Slug}/agenda/{moving.Id}", null)).EnsureSuccessStatusCode();

        await e.PlaceAsync(moving, e.Janson, "11:30");
        await ReleaseAsync(e, notify: "immediate");

        var toSpeaker = await app.Mail.WaitForAsync("ics-speaker@example.org", "Schedule change");
        var file = Assert.Single(toSpeaker.Attachments);
        Assert.Equal($"{e.Slug}-sessions.ics", file.FileName);
        Assert.StartsWith("text/calendar", file.ContentType);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(file.Content))!;
        // Both of their sessions in this version (one moved, one not), nobody else's.
        Assert.Equal(["Attached talk", "Their workshop"], calendar.Events.Select(x => x.Summary).Order());
        var talk = calendar.Events.Single(x => x.Summary == "Attached talk");
        Assert.Equal("Europe/Brussels", talk.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 2, 6, 11, 30, 0), talk.DtStart.Value);
        Assert.Equal(new DateTime(2027, 2, 6, 10, 30, 0, DateTimeKind.Utc), talk.DtStart.AsUtc);
        Assert.Equal(new DateTime(2027, 2, 6, 12, 15, 0), talk.DtEnd!.Value);
        Assert.Equal("Janson", talk.Location);
        Assert.Equal(moving.Guid, talk.Uid);
        Assert.Equal(new DateTime(2027, 2, 7, 14, 0, 0), calendar.Events.Single(x => x.Summary == "Their workshop").DtStart!.Value);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Brussels");
        Assert.Contains("attached", toSpeaker.TextBody);
        _ = second;

        var toFan = await app.Mail.WaitForAsync("ics-fan@example.org", "agenda");
        Assert.Empty(toFan.Attachments);
        Assert.Equal(0, app.Mail.CountTo("ics-other@example.org", "Schedule change")); // release 1 told nobody; release 2 did not touch them
    }

    [Fact]
    public async Task The_public_changes_page_and_atom_feed_show_each_version()
    {
        var e = await ScheduleKit.CreateAsync(app, "rel-feed");
        var talk = await e.PlaceAsync(await e.SessionAsync("Feed talk"), e.Janson, "10:00");
        await ReleaseAsync(e);
        await e.PlaceAsync(talk, e.Small, "10:00");
        await ReleaseAsync(e);
        var anonymous = app.CreateClient();

        var page = await anonymous.GetStringAsync($"/events/{e.Slug}/changes");
        var feed = await anonymous.GetAsync($"/events/{e.Slug}/changes.atom");

        Assert.Contains("Room changed from Janson to K.1.105", page);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        var atom = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Equal(["Schedule version 2", "Schedule version 1"], atom.Root!.Elements(ns + "entry").Select(x => x.Element(ns + "title")!.Value));
        Assert.Contains("Feed talk: Room changed from Janson to K.1.105", atom.Root.Elements(ns + "entry").First().Element(ns + "content")!.Value);
    }

    private sealed record NotificationLine
    {
        public string DedupeKey { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Email { get; init; } = "";
        public string State { get; init; } = "";
        public string Body { get; init; } = "";

        public int Version => int.Parse(DedupeKey.Split(':')[2]);
    }

    private async Task<List<NotificationLine>> NotificationsAsync(string slug)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.QueryAsync<NotificationLine>("""
            SELECT n.dedupe_key, n.kind, n.to_address AS email, n.state, n.body FROM notifications n JOIN events e ON e.id = n.event_id
            WHERE e.slug = @slug AND n.kind LIKE 'schedule-%'
            """, new { slug })).AsList();
    }
}
