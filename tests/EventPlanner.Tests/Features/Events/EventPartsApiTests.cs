using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Tests.Features.Events;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class EventPartsApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Rooms_are_added_changed_listed_and_removed()
    {
        var api = await app.CreateApiClientAsync("rooms@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("rooms-crud"));

        var add = await api.PostAsJsonAsync("/api/events/rooms-crud/rooms", new { name = "Main Hall", capacity = 400, accessibilityNotes = "Step-free" });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var room = await add.Content.ReadFromJsonAsync<RoomResponse>();
        var duplicate = await api.PostAsJsonAsync("/api/events/rooms-crud/rooms", new { name = "Main Hall", capacity = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("name", (await duplicate.FieldErrorsAsync()).Keys);

        var change = await api.PutAsJsonAsync($"/api/events/rooms-crud/rooms/{room!.Id}", new { name = "Main Hall", capacity = 350, accessibilityNotes = "Hearing loop", sortOrder = 1 });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var listed = await api.GetFromJsonAsync<List<RoomResponse>>("/api/events/rooms-crud/rooms");
        Assert.Equal([new RoomResponse(room.Id, "Main Hall", 350, "Hearing loop", 1)], listed);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/events/rooms-crud/rooms/{room.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/events/rooms-crud/rooms/{room.Id}")).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<EventDetail>("/api/events/rooms-crud"))!.Rooms);
    }

    [Fact]
    public async Task Tracks_are_added_changed_listed_and_removed()
    {
        var api = await app.CreateApiClientAsync("tracks@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("tracks-crud"));

        var add = await api.PostAsJsonAsync("/api/events/tracks-crud/tracks", new { name = "Security", colour = "#d62728" });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var track = await add.Content.ReadFromJsonAsync<TrackResponse>();
        var badColour = await api.PostAsJsonAsync("/api/events/tracks-crud/tracks", new { name = "Community", colour = "green" });
        Assert.Equal(HttpStatusCode.BadRequest, badColour.StatusCode);
        Assert.Contains("colour", (await badColour.FieldErrorsAsync()).Keys);

        var change = await api.PutAsJsonAsync($"/api/events/tracks-crud/tracks/{track!.Id}", new { name = "Security & Privacy", colour = "#aa0000" });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal([new TrackResponse(track.Id, "Security & Privacy", "#aa0000")], await api.GetFromJsonAsync<List<TrackResponse>>("/api/events/tracks-crud/tracks"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/events/tracks-crud/tracks/{track.Id}")).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<List<TrackResponse>>("/api/events/tracks-crud/tracks"))!);
    }

    [Fact]
    public async Task Team_members_are_added_by_email_and_removed()
    {
        var api = await app.CreateApiClientAsync("team.lead@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("team-crud"));
        var reviewer = await app.CreateUserAsync("team.reviewer@example.org", "Rita Reviewer");

        var add = await api.PostAsJsonAsync("/api/events/team-crud/team", new { email = "team.reviewer@example.org", role = "reviewer" });
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var unknown = await api.PostAsJsonAsync("/api/events/team-crud/team", new { email = "nobody@example.org", role = "reviewer" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("email", (await unknown.FieldErrorsAsync()).Keys);
        // An address someone registered but never confirmed may not be theirs: no role until it is confirmed.
        var squatted = app.CreateBrowser();
        await squatted.PostFormAsync("/account/register", new()
        {
            ["Input.Email"] = "not.yet.confirmed@example.org", ["Input.DisplayName"] = "Squatter",
            ["Input.Password"] = EventPlannerApp.Password, ["Input.ConfirmPassword"] = EventPlannerApp.Password,
        });
        var unconfirmed = await api.PostAsJsonAsync("/api/events/team-crud/team", new { email = "not.yet.confirmed@example.org", role = "organiser" });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("confirmed", string.Join(" ", (await unconfirmed.FieldErrorsAsync())["email"]));
        var badRole = await api.PostAsJsonAsync("/api/events/team-crud/team", new { email = "team.reviewer@example.org", role = "king" });
        Assert.Contains("role", (await badRole.FieldErrorsAsync()).Keys);

        var team = await api.GetFromJsonAsync<List<TeamMemberResponse>>("/api/events/team-crud/team");
        Assert.Contains(team!, m => m.Email == "team.reviewer@example.org" && m.Role == "reviewer" && m.DisplayName == "Rita Reviewer");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/events/team-crud/team/{reviewer.Id}/reviewer")).StatusCode);
        team = await api.GetFromJsonAsync<List<TeamMemberResponse>>("/api/events/team-crud/team");
        Assert.DoesNotContain(team!, m => m.UserId == reviewer.Id);
    }

    [Fact]
    public async Task Removing_the_last_organiser_is_refused_and_a_second_one_makes_it_possible()
    {
        var api = await app.CreateApiClientAsync("last.one@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("last-organiser"));
        var me = (await api.GetFromJsonAsync<List<TeamMemberResponse>>("/api/events/last-organiser/team"))!.Single();

        var refused = await api.DeleteAsync($"/api/events/last-organiser/team/{me.UserId}/organiser");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at least one organiser", string.Join(" ", (await refused.FieldErrorsAsync())["role"]));
        Assert.Single((await api.GetFromJsonAsync<List<TeamMemberResponse>>("/api/events/last-organiser/team"))!);

        await app.CreateUserAsync("next.one@example.org");
        await api.PostAsJsonAsync("/api/events/last-organiser/team", new { email = "next.one@example.org", role = "organiser" });
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/events/last-organiser/team/{me.UserId}/organiser")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/events/last-organiser")).StatusCode);
    }
}
