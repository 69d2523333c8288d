using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Tests.Features.Community;

/// <summary>Room requests and reservations through the API: what is refused, with what answer, and who may do what.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CommunityRoomTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Approving_a_block_that_overlaps_a_main_programme_session_is_refused_with_free_rooms_and_the_next_free_time()
    {
        var c = await CommunityKit.CreateAsync(app, "cr-programme");
        var block = await c.RequestAsync(c.Schedule.Medium, "10:00", "12:00");
        // Meanwhile the organisers place a talk in that room: the approval must see it, not the page that showed the request.
        await c.Schedule.PlaceAsync(await c.Schedule.SessionAsync("Kernel internals", minutes: 45), c.Schedule.Medium, "11:00");

        var response = await c.ApproveRawAsync(block.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Contains("\"Kernel internals\"", problem.GetProperty("detail").GetString());
        var free = problem.GetProperty("freeRooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Janson", "K.1.105"], free);
        var next = problem.GetProperty("nextFree");
        Assert.Equal("H.2215", next.GetProperty("room").GetString());
        Assert.Equal("11:45", next.GetProperty("start").GetString()); // right after the talk, for the same two hours
        Assert.Equal("13:45", next.GetProperty("end").GetString());
        var stored = await c.Organiser.GetFromJsonAsync<List<BlockResponse>>($"{c.Api}/requests");
        Assert.Equal("requested", stored!.Single().Status);
    }

    [Fact]
    public async Task A_block_overlapping_another_approved_block_is_refused_but_one_starting_when_it_ends_is_approved()
    {
        var c = await CommunityKit.CreateAsync(app, "cr-blocks");
        var fedoraHost = await app.CreateApiClientAsync("host-fedora-cr@example.org");
        var fedora = await CommunityKit.GroupAsync(c.Schedule, fedoraHost, "Fedora Malaysia");
        await c.ApprovedBlockAsync(c.Schedule.Medium, "14:00", "16:00");

        var overlapping = await c.RequestRawAsync(c.Schedule.Medium, "15:30", "17:00", host: fedoraHost, groupId: fedora);
        var adjacent = await c.RequestAsync(c.Schedule.Medium, "16:00", "17:00", host: fedoraHost, groupId: fedora);
        var approved = await (await c.ApproveRawAsync(adjacent.Id)).ReadAsync<BlockResponse>();

        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        var problem = await overlapping.ProblemAsync();
        Assert.Contains("Ubuntu Malaysia community block", problem.GetProperty("detail").GetString());
        Assert.Equal("16:00", problem.GetProperty("nextFree").GetProperty("start").GetString());
        Assert.Equal("approved", approved.Status);
    }

    [Fact]
    public async Task A_block_for_more_people_than_the_room_seats_is_refused_and_bigger_free_rooms_are_offered()
    {
        var c = await CommunityKit.CreateAsync(app, "cr-capacity");

        var tooMany = await c.RequestRawAsync(c.Schedule.Small, "10:00", "11:00", attendance: 80); // K.1.105 seats 50
        var block = await c.RequestAsync(c.Schedule.Small, "10:00", "11:00", attendance: 40);
        var intoSmaller = await c.Organiser.PostAsJsonAsync($"{c.Api}/requests/{block.Id}/propose", new
        {
            roomId = c.Schedule.Small, date = ScheduleKit.Day1, start = "12:00", end = "13:00", note = "",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        var problem = await tooMany.ProblemAsync();
        Assert.Equal("80 people expected, but K.1.105 seats 50.", problem.GetProperty("detail").GetString());
        Assert.Equal(["Janson", "H.2215"], problem.GetProperty("freeRooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList());
        Assert.Equal(HttpStatusCode.OK, intoSmaller.StatusCode);

        // Approving "into another room" checks that room's seats too.
        var big = await c.RequestAsync(c.Schedule.Medium, "14:00", "15:00", attendance: 100);
        var squeezed = await c.ApproveRawAsync(big.Id, roomId: c.Schedule.Small);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, squeezed.StatusCode);
        var moved = await (await c.ApproveRawAsync(big.Id, roomId: c.Schedule.Janson)).ReadAsync<BlockResponse>();
        Assert.Equal(("approved", "Janson"), (moved.Status, moved.Room));
    }

    [Fact]
    public async Task A_placed_programme_session_in_a_reserved_room_is_an_error_room_reserved_for_the_group()
    {
        var c = await CommunityKit.CreateAsync(app, "cr-grid");
        await c.ApprovedBlockAsync(c.Schedule.Medium, "14:00", "16:00");
        var talk = await c.Schedule.PlaceAsync(await c.Schedule.SessionAsync("Late talk"), c.Schedule.Medium, "15:30");

        var conflicts = await c.Organiser.GetFromJsonAsync<ConflictSummary>($"{c.Schedule.Api}/conflicts");

        var reserved = Assert.Single(conflicts!.Conflicts, x => x.Kind == "room-reserved");
        Assert.Equal(talk.Id, reserved.SessionId);
        Assert.Equal("error", reserved.Severity);
        Assert.Contains("reserved for Ubuntu Malaysia", reserved.Message);
    }

    [Fact]
    public async Task Hosts_add_sessions_only_inside_their_own_approved_block()
    {
        var c = await CommunityKit.CreateAsync(app, "cr-hosts");
        var block = await c.ApprovedBlockAsync(c.Schedule.Medium, "14:00", "16:00");
        var pending = await c.RequestAsync(c.Schedule.Small, "10:00", "11:00");
        var otherHost = await app.CreateApiClientAsync("host-other-cr@example.org");
        var other = await CommunityKit.GroupAsync(c.Schedule, otherHost, "FOSSChix");
        var otherBlock = await c.RequestAsync(c.Schedule.Janson, "14:00", "15:00", host: otherHost, groupId: other);
        await c.ApproveRawAsync(otherBlock.Id);
        var stranger = await app.CreateApiClientAsync("stranger-cr@example.org");

        var inside = await c.AddSessionAsync(block.Id, "Ubuntu on RISC-V", "14:00", "14:45");
        var outside = await c.AddSessionRawAsync(block.Id, "Too late", "15:30", "16:30");
        var notApproved = await c.AddSessionRawAsync(pending.Id, "In a request", "10:00", "10:30");
        var intoTheirs = await c.AddSessionRawAsync(otherBlock.Id, "Gatecrash", "14:00", "14:30");
        var byStranger = await c.AddSessionRawAsync(block.Id, "Not a host", "15:00", "15:30", host: stranger);
        var overlapOwn = await c.AddSessionRawAsync(block.Id, "Double", "14:30", "15:00");
        var editOutside = await c.Host.PutAsJsonAsync($"{c.Api}/blocks/{block.Id}/sessions/{inside.Id}", new
        {
            kind = "talk", title = "Ubuntu on RISC-V", start = "13:30", end = "14:15", version = inside.Version,
        });
        // Their session through our block's address is not ours to edit: not found, whoever asks.
        var theirs = await (await otherHost.PostAsJsonAsync($"{c.Api}/blocks/{otherBlock.Id}/sessions", new { title = "Women in FOSS", start = "14:00", end = "14:30" }))
            .ReadAsync<BlockSessionResponse>();
        var viaOurBlock = await c.Host.PutAsJsonAsync($"{c.Api}/blocks/{block.Id}/sessions/{theirs.Id}", new { title = "Hijack", start = "14:00", end = "14:30" });
        var deleteTheirs = await c.Host.DeleteAsync($"{c.Api}/blocks/{otherBlock.Id}/sessions/{theirs.Id}");

        Assert.Equal("14:00", inside.Start);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("inside", (await outside.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notApproved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, intoTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, overlapOwn.StatusCode);
        Assert.Contains("Ubuntu on RISC-V", (await overlapOwn.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, editOutside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaOurBlock.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteTheirs.StatusCode);
        var detail = await c.Host.GetFromJsonAsync<BlockDetailResponse>($"{c.Api}/blocks/{otherBlock.Id}");
        Assert.Equal(["Women in FOSS"], detail!.Sessions.Select(s => s.Title));

        // The event's organisers may step in for a group (as with any session); another event's organisers may not.
        var elsewhere = await ScheduleKit.CreateAsync(app, "cr-hosts-elsewhere");
        var foreign = await elsewhere.Organiser.DeleteAsync($"{c.Api}/blocks/{otherBlock.Id}/sessions/{theirs.Id}");
        Assert.Contains(foreign.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.False((await c.Host.GetFromJsonAsync<BlockDetailResponse>($"{c.Api}/blocks/{otherBlock.Id}"))!.Sessions.Single().IsCancelled);
        Assert.Equal(HttpStatusCode.NoContent, (await c.Organiser.DeleteAsync($"{c.Api}/blocks/{otherBlock.Id}/sessions/{theirs.Id}")).StatusCode);
        Assert.Empty((await c.Host.GetFromJsonAsync<BlockDetailResponse>($"{c.Api}/blocks/{otherBlock.Id}"))!.Sessions); // cancelled: off the block
    }

    [Fact]
    public async Task Another_events_organiser_cannot_approve_decline_or_see_the_requests()
    {
        var c = await CommunityKit.CreateAsync(app, "cr-ours");
        var block = await c.RequestAsync(c.Schedule.Medium, "10:00", "11:00");
        var elsewhere = await ScheduleKit.CreateAsync(app, "cr-theirs");

        var approveHere = await c.ApproveRawAsync(block.Id, organiser: elsewhere.Organiser);
        var approveViaTheirs = await elsewhere.Organiser.PostAsJsonAsync($"/api/events/{elsewhere.Slug}/community/requests/{block.Id}/approve", new { });
        var declineHere = await elsewhere.Organiser.PostAsJsonAsync($"{c.Api}/requests/{block.Id}/decline", new { reason = "no" });
        var list = await elsewhere.Organiser.GetAsync($"{c.Api}/requests");
        var byHost = await c.ApproveRawAsync(block.Id, organiser: c.Host);

        Assert.Equal(HttpStatusCode.Forbidden, approveHere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approveViaTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, declineHere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byHost.StatusCode);
        var stored = await c.Organiser.GetFromJsonAsync<List<BlockResponse>>($"{c.Api}/requests");
        Assert.Equal("requested", stored!.Single().Status);
    }

    [Fact]
    public async Task Only_an_approved_group_asks_for_rooms_and_organisers_and_hosts_are_told_through_the_outbox()
    {
        var e = await ScheduleKit.CreateAsync(app, "cr-notices", organiserEmail: "org-cr-notices@example.org");
        var host = await app.CreateApiClientAsync("host-cr-notices@example.org");
        var coHost = await app.CreateUserAsync("cohost-cr-notices@example.org", "Co Host");
        var group = await (await host.PostAsJsonAsync($"/api/events/{e.Slug}/community/groups", new
        {
            name = "FOSSChix", description = "Women in open source.", contacts = "hello@fosschix.example.org", logoUrl = "https://fosschix.example.org/logo.png",
        })).ReadAsync<GroupResponse>();
        var c = new CommunityEvent(e, host, group.Id, "host-cr-notices@example.org");
        var tooEarly = await c.RequestRawAsync(e.Medium, "10:00", "11:00");
        await app.Mail.WaitForAsync("org-cr-notices@example.org", "New community group");
        (await e.Organiser.PostAsync($"{c.Api}/groups/{group.Id}/approve", null)).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"{c.Api}/groups/{group.Id}/hosts", new { email = coHost.Email })).EnsureSuccessStatusCode();

        var first = await c.RequestAsync(e.Medium, "10:00", "11:00");
        var received = await app.Mail.WaitForAsync("org-cr-notices@example.org", "Room request from FOSSChix");
        (await c.ApproveRawAsync(first.Id)).EnsureSuccessStatusCode();
        var second = await c.RequestAsync(e.Medium, "14:00", "15:00");
        (await e.Organiser.PostAsJsonAsync($"{c.Api}/requests/{second.Id}/decline", new { reason = "That room hosts the keynote overflow." })).EnsureSuccessStatusCode();
        var third = await c.RequestAsync(e.Medium, "16:00", "17:00");
        (await e.Organiser.PostAsJsonAsync($"{c.Api}/requests/{third.Id}/propose", new
        {
            roomId = e.Small, date = ScheduleKit.Day2, start = "10:00", end = "11:00", note = "H.2215 is busy that afternoon.",
        })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("Install party", received.TextBody);
        Assert.Contains("H.2215", (await app.Mail.WaitForAsync("cohost-cr-notices@example.org", "H.2215 is yours")).TextBody);
        Assert.Contains("keynote overflow", (await app.Mail.WaitForAsync("host-cr-notices@example.org", "Room request declined")).TextBody);
        var moved = await app.Mail.WaitForAsync("host-cr-notices@example.org", "Another time for FOSSChix");
        Assert.Contains("K.1.105, Sun 7 Feb 10:00–11:00", moved.TextBody);

        var accepted = await (await host.PostAsync($"{c.Api}/requests/{third.Id}/accept-proposal", null)).ReadAsync<BlockResponse>();
        Assert.Equal(("approved", "K.1.105", "2027-02-07", "10:00"), (accepted.Status, accepted.Room, accepted.Date, accepted.Start));
        Assert.Contains("accepted", (await app.Mail.WaitForAsync("org-cr-notices@example.org", "FOSSChix accepted")).Subject);
    }

    [Fact]
    public async Task A_logo_link_must_be_https_and_is_shown_as_a_plain_link()
    {
        var e = await ScheduleKit.CreateAsync(app, "cr-logo");
        var host = await app.CreateApiClientAsync("host-cr-logo@example.org");

        var js = await host.PostAsJsonAsync($"/api/events/{e.Slug}/community/groups", new { name = "X", contacts = "x", logoUrl = "javascript:alert(1)" });
        var http = await host.PostAsJsonAsync($"/api/events/{e.Slug}/community/groups", new { name = "X", contacts = "x", logoUrl = "http://example.org/x.png" });
        var ok = await host.PostAsJsonAsync($"/api/events/{e.Slug}/community/groups", new
        {
            name = "Debian <Malaysia>", contacts = "x", logoUrl = "https://example.org/logo.png?a=1&b=\"2\"",
        });
        var group = await ok.ReadAsync<GroupResponse>();
        (await e.Organiser.PostAsync($"/api/events/{e.Slug}/community/groups/{group.Id}/approve", null)).EnsureSuccessStatusCode();
        var page = await app.CreateClient().GetStringAsync($"/events/{e.Slug}/community");

        Assert.Equal(HttpStatusCode.BadRequest, js.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Contains("Debian &lt;Malaysia&gt;", page);
        Assert.Contains("href=\"https://example.org/logo.png?a=1&amp;b=%222%22\"", page);
        Assert.DoesNotContain("<img", page);
    }
}
