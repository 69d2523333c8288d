using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using EventPlanner.Tests.Features.Community;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Lightning;
using EventPlanner.Tests.Features.Reviews;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Community;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Security;

/// <summary>
/// Issue 18: the API called as a hostile client. Each request here used to answer 500; it must answer 400 with a
/// problem naming the field, and store nothing.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class HostileInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static readonly string Huge = new('x', 100_000);

    // A NUL as stored before input was checked: SQLite holds one, PostgreSQL's text cannot, so there the stored-text
    // tests plant another character XML cannot carry (U+0001) and check the same escaping.
    private static readonly string StoredNul = TestPostgres.HostsRunOnPostgres ? "\u0001" : "\0";

    private async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        var shown = body.Length > 400 ? body[..400] + "..." : body;
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {field}: {shown}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no message for {field}: {shown}");
    }

    // ---- finding 1: null inside an array ----

    [Fact]
    public async Task A_null_link_in_the_speaker_profile_is_a_field_error_and_no_profile_is_stored()
    {
        var (id, speaker) = await CfpKit.FastSpeakerAsync(app, "hostile-links@example.org");
        var response = await speaker.PutAsJsonAsync("/api/me/speaker-profile", new { fullName = "X", links = new[] { "https://example.org", null } });
        await AssertFieldErrorAsync(response, "links[1]");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM speaker_profiles WHERE user_id = @id", new { id }));
    }

    [Fact]
    public async Task A_null_in_any_checked_list_is_a_field_error_not_a_500()
    {
        var cfp = await CfpKit.CreateAsync(app, "hostile-lists");
        var questions = await CountAsync("SELECT COUNT(*) FROM cfp_questions");
        await AssertFieldErrorAsync(await cfp.Organiser.PostAsJsonAsync($"{cfp.Api}/cfp/questions", new
        {
            kind = "single_choice", prompt = "Pick one", options = new[] { "A", null, "B" },
        }), "options[1]");
        Assert.Equal(questions, await CountAsync("SELECT COUNT(*) FROM cfp_questions"));

        var (_, speaker) = await CfpKit.FastSpeakerAsync(app, "hostile-lists-speaker@example.org");
        var proposal = JsonSerializer.SerializeToNode(CfpKit.Proposal(cfp, title: "Null availability"))!.AsObject();
        proposal["availability"] = new System.Text.Json.Nodes.JsonArray(null, null);
        await AssertFieldErrorAsync(await speaker.PostAsJsonAsync($"{cfp.Api}/proposals", proposal), "availability[0]");
        proposal = JsonSerializer.SerializeToNode(CfpKit.Proposal(cfp, title: "Null answer"))!.AsObject();
        proposal["answers"] = new System.Text.Json.Nodes.JsonArray((System.Text.Json.Nodes.JsonNode?)null);
        await AssertFieldErrorAsync(await speaker.PostAsJsonAsync($"{cfp.Api}/proposals", proposal), "answers[0]");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM proposals WHERE title LIKE 'Null %'"));

        var stored = await (await speaker.PostAsJsonAsync($"{cfp.Api}/proposals", CfpKit.Proposal(cfp, title: "Tagged"))).ReadProposalAsync();
        await AssertFieldErrorAsync(await cfp.Organiser.PutAsJsonAsync($"{cfp.Api}/proposals/{stored.Id}/tags", new { tags = new[] { "rust", null } }), "tags[1]");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM proposal_tags WHERE proposal_id = @id", new { id = stored.Id }));

        await AssertFieldErrorAsync(await cfp.Organiser.PostAsJsonAsync($"{cfp.Api}/review/teams", new { name = "Null team", memberEmails = new string?[] { null } }),
            "memberEmails[0]");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM review_teams WHERE name = 'Null team'"));

        var c = await CommunityKit.CreateAsync(app, "hostile-lists-community");
        await AssertFieldErrorAsync(await c.Organiser.PostAsJsonAsync($"{c.Schedule.Api}/sessions", new
        {
            kind = "talk", title = "Null speaker", durationMinutes = 30, speakerEmails = new string?[] { null },
        }), "speakerEmails[0]");
        var block = await c.ApprovedBlockAsync(c.Schedule.Small, "13:00", "17:00");
        await AssertFieldErrorAsync(await c.Host.PostAsJsonAsync($"{c.Api}/blocks/{block.Id}/sessions", new
        {
            kind = "talk", title = "Null guest", start = "13:00", end = "13:30", speakerEmails = Array.Empty<string>(), speakerNames = new string?[] { "Ann", null },
        }), "speakerNames[1]");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM schedule_sessions WHERE title LIKE 'Null %'"));
    }

    // ---- finding 2: local date-times at the ends of the calendar ----

    [Fact]
    public async Task Local_times_at_the_ends_of_the_calendar_are_field_errors_east_and_west_of_utc()
    {
        var east = await CfpKit.CreateAsync(app, "hostile-east"); // Kuala Lumpur, UTC+8
        var before = await CountAsync("SELECT COUNT(*) FROM cfp_settings WHERE opens_at < '2000'");
        await AssertFieldErrorAsync(await east.Organiser.PutAsJsonAsync($"{east.Api}/cfp", new { opensAt = "0001-01-01T00:00", closesAt = "2027-01-01T00:00" }), "opensAt");
        await AssertFieldErrorAsync(await east.Organiser.PostAsJsonAsync($"{east.Api}/cfp/access-codes", new { code = "EARLYBIRD", expiresAt = "0001-01-01T00:00" }),
            "expiresAt");

        var west = await app.CreateApiClientAsync("org-hostile-west@example.org", admin: true);
        (await west.PostAsJsonAsync("/api/events", new
        {
            slug = "hostile-west", name = "West", timeZone = "America/New_York", startsOn = "2027-03-05", endsOn = "2027-03-06", venue = "NYC",
        })).EnsureSuccessStatusCode();
        await AssertFieldErrorAsync(await west.PutAsJsonAsync("/api/events/hostile-west/cfp", new { opensAt = "2026-01-01T00:00", closesAt = "9999-12-31T23:59" }),
            "closesAt");
        Assert.Equal(before, await CountAsync("SELECT COUNT(*) FROM cfp_settings WHERE opens_at < '2000'"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM cfp_settings WHERE closes_at > '2100'"));

        await AssertFieldErrorAsync(await west.PostAsJsonAsync("/api/events", new
        {
            slug = "hostile-year-one", name = "Year one", timeZone = "Asia/Tokyo", startsOn = "0001-01-01", endsOn = "0001-01-02", venue = "Nowhere",
        }), "startsOn");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM events WHERE slug = 'hostile-year-one'"));

        var l = await LightningKit.CreateAsync(app, "hostile-lightning"); // Brussels, east of UTC
        await AssertFieldErrorAsync(await l.Organiser.PutAsJsonAsync($"{l.Api}/settings", new { slotMinutes = 5, changeoverMinutes = 1, opensAt = "0001-01-01T00:00" }),
            "opensAt");
    }

    // ---- finding 3: a community session that ends before it starts ----

    [Fact]
    public async Task A_community_session_that_ends_before_it_starts_is_refused_not_wrapped_round_midnight()
    {
        var c = await CommunityKit.CreateAsync(app, "hostile-backwards");
        var block = await c.ApprovedBlockAsync(c.Schedule.Small, "13:00", "17:00");
        await AssertFieldErrorAsync(await c.AddSessionRawAsync(block.Id, "Backwards", "15:00", "14:00"), "end");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM schedule_sessions WHERE title = 'Backwards'"));
    }

    // ---- finding 4: NUL (and friends) in names and titles ----

    [Fact]
    public async Task A_nul_character_in_names_and_titles_is_a_field_error_and_nothing_is_stored()
    {
        var organiser = await app.CreateApiClientAsync("org-hostile-nul@example.org", admin: true);
        await AssertFieldErrorAsync(await organiser.PostAsJsonAsync("/api/events", new
        {
            slug = "hostile-nul-event", name = "Nul\0Conf", timeZone = "Europe/Brussels", startsOn = "2027-02-06", endsOn = "2027-02-07", venue = "ULB",
        }), "name");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM events WHERE slug = 'hostile-nul-event'"));

        var e = await ScheduleKit.CreateAsync(app, "hostile-nul");
        await AssertFieldErrorAsync(await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/rooms", new { name = "Room\0", capacity = 10 }), "name");
        await AssertFieldErrorAsync(await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/tracks", new { name = "Track\u0001" }), "name");
        await AssertFieldErrorAsync(await e.Organiser.PostAsJsonAsync($"{e.Api}/sessions", new { kind = "talk", title = "Nul\0Talk", durationMinutes = 30 }), "title");
        await AssertFieldErrorAsync(await e.Organiser.PostAsJsonAsync($"{e.Api}/sessions", new
        {
            kind = "talk", title = "Fine title", @abstract = "Bad\uFFFEabstract", durationMinutes = 30,
        }), "abstract");
        // Nothing stored: the event still has the kit's three rooms and no session (PostgreSQL could not even hold a NUL).
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM rooms WHERE event_id = (SELECT event_id FROM rooms WHERE id = @Janson)", new { e.Janson }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM schedule_sessions WHERE event_id = (SELECT event_id FROM rooms WHERE id = @Janson)", new { e.Janson }));

        var l = await LightningKit.CreateAsync(app, "hostile-nul-lightning");
        var speaker = await app.CreateApiClientAsync("hostile-nul-lightning-speaker@example.org");
        await AssertFieldErrorAsync(await speaker.PostAsJsonAsync($"/api/events/{l.Slug}/lightning/{l.SessionId}/talks", new { title = "Zap\0" }), "title");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM lightning_talks WHERE session_id = @SessionId", new { l.SessionId }));
    }

    [Fact]
    public async Task A_release_succeeds_and_its_xml_parses_when_stored_text_holds_characters_xml_cannot_carry()
    {
        var e = await ScheduleKit.CreateAsync(app, "hostile-stored");
        var s = await e.PlaceAsync(await e.SessionAsync("Stored"), e.Janson, "10:00");
        // As if stored before input was checked: straight into the database.
        await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            await c.ExecuteAsync("UPDATE schedule_sessions SET title = @title, abstract = @text WHERE id = @id",
                new { id = s.Id, title = $"Nul{StoredNul}Title\uFFFF", text = "Bell\u0007 and form feed\f" });
            await c.ExecuteAsync("UPDATE rooms SET name = @name WHERE id = @id", new { id = e.Janson, name = "Jan\u0001son" });
        }

        var release = await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" });
        Assert.True(release.IsSuccessStatusCode, await release.Content.ReadAsStringAsync());

        var anonymous = app.CreateClient();
        var xml = XDocument.Parse(await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.xml"));
        Assert.Contains(xml.Descendants("title"), t => t.Value == "NulTitle");
        Assert.Contains(xml.Descendants("room"), r => (string?)r.Attribute("name") == "Janson");
        var ics = await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.ics");
        Assert.Contains("SUMMARY:NulTitle", ics);
        Assert.DoesNotContain('\0', ics);
        XDocument.Parse(await anonymous.GetStringAsync($"/events/{e.Slug}/changes.atom"));
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/events/{e.Slug}/schedule.json"));
    }

    [Fact]
    public async Task A_line_up_lock_succeeds_when_a_stored_talk_title_holds_a_nul()
    {
        var l = await LightningKit.CreateAsync(app, "hostile-lock", minutes: 15, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var talk = await (await app.PersonAsync("hostile-lock-speaker@example.org", "Speaker Z")).SignedUpAsync(l, "Zap talk");
        await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            await c.ExecuteAsync("UPDATE lightning_talks SET title = @title WHERE id = @id", new { id = talk.Id, title = $"Zap{StoredNul}talk" });
        }

        var locked = await l.Organiser.PostAsync($"{l.Api}/lock", null);
        Assert.True(locked.IsSuccessStatusCode, await locked.Content.ReadAsStringAsync());
        var xml = XDocument.Parse(await app.CreateClient().GetStringAsync($"/events/{l.Slug}/schedule.xml"));
        Assert.Contains("Zaptalk", xml.Descendants("description").Select(d => d.Value).Single(d => d.Contains("Line-up")));
    }

    // ---- finding 7: limits not enforced ----

    [Fact]
    public async Task A_100000_character_group_decline_reason_is_refused_and_the_group_stays_pending()
    {
        var e = await ScheduleKit.CreateAsync(app, "hostile-decline");
        var host = await app.CreateApiClientAsync("host-hostile-decline@example.org");
        var group = await (await host.PostAsJsonAsync($"/api/events/{e.Slug}/community/groups", new
        {
            name = "Pending group", description = "", contacts = "Matrix: #pending:example.org",
        })).ReadAsync<GroupResponse>();
        await AssertFieldErrorAsync(await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/community/groups/{group.Id}/decline", new { reason = Huge }), "reason");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM community_groups WHERE id = @id AND status = 'declined'", new { id = group.Id }));
    }

    [Fact]
    public async Task A_100000_character_room_proposal_note_is_refused_and_the_request_stays_open()
    {
        var c = await CommunityKit.CreateAsync(app, "hostile-note");
        var block = await c.RequestAsync(c.Schedule.Small, "13:00", "15:00");
        await AssertFieldErrorAsync(await c.Organiser.PostAsJsonAsync($"{c.Api}/requests/{block.Id}/propose", new
        {
            roomId = c.Schedule.Medium, date = ScheduleKit.Day1, start = "13:00", end = "15:00", note = Huge,
        }), "note");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM community_blocks WHERE id = @id AND length(organiser_note) > 1000", new { id = block.Id }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM community_blocks WHERE id = @id AND status = 'proposed'", new { id = block.Id }));
    }

    [Fact]
    public async Task A_100000_character_conflict_reason_is_refused_and_no_conflict_is_recorded()
    {
        var e = await ReviewKit.CreateAsync(app, "hostile-conflict");
        var (reviewerId, _) = await ReviewKit.ReviewerAsync(app, e, "hostile-conflict-r@example.org");
        var (_, _, proposal) = await ReviewKit.SpeakerWithProposalAsync(app, e, "hostile-conflict-s@example.org", "Conflicted");
        await AssertFieldErrorAsync(await e.Organiser.PostAsJsonAsync($"{e.Api}/review/conflicts/record", new
        {
            reviewerId, proposalId = proposal.Id, reason = Huge,
        }), "reason");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM review_conflicts WHERE user_id = @reviewerId", new { reviewerId }));
    }
}
