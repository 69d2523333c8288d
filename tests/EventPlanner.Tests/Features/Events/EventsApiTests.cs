using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Tests.Features.Events;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class EventsApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task An_event_is_created_read_and_updated_through_the_api()
    {
        var api = await app.CreateApiClientAsync("round.trip@example.org", admin: true);

        var created = await api.PostAsJsonAsync("/api/events", EventTestData.Body("round-trip", "Round Trip Conf", description: "Hello *world*"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/events/round-trip", created.Headers.Location?.OriginalString);

        var detail = await api.GetFromJsonAsync<EventDetail>("/api/events/round-trip");
        Assert.NotNull(detail);
        Assert.Equal("Round Trip Conf", detail.Name);
        Assert.Equal("Asia/Kuala_Lumpur", detail.TimeZone);
        Assert.Equal("Hello *world*", detail.Description);
        Assert.Equal([new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29)], detail.Days.Select(d => d.Date));
        Assert.All(detail.Days, d => Assert.Equal((new TimeOnly(9, 0), new TimeOnly(18, 0)), (d.OpensAt, d.ClosesAt)));

        var update = EventTestData.Body("round-trip", "Round Trip Conf 2026", venue: "Dewan Besar", isPublic: false);
        var put = await api.PutAsJsonAsync("/api/events/round-trip", update);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await api.GetFromJsonAsync<EventDetail>("/api/events/round-trip");
        Assert.Equal(("Round Trip Conf 2026", "Dewan Besar", false), (after!.Name, after.Venue, after.IsPublic));
    }

    [Fact]
    public async Task An_update_that_leaves_fields_out_keeps_them_so_a_rename_never_publishes_a_hidden_event()
    {
        var api = await app.CreateApiClientAsync("partial.put@example.org", admin: true);
        (await api.PostAsJsonAsync("/api/events", EventTestData.Body("partial-put", "Partial Put", description: "Kept words", isPublic: false))).EnsureSuccessStatusCode();

        (await api.PutAsJsonAsync("/api/events/partial-put", new { name = "Partial Put 2027" })).EnsureSuccessStatusCode();

        var after = await api.GetFromJsonAsync<EventDetail>("/api/events/partial-put");
        Assert.Equal(("Partial Put 2027", "Kept words", false), (after!.Name, after.Description, after.IsPublic));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/events/partial-put")).StatusCode);

        (await api.PutAsJsonAsync("/api/events/partial-put", new { description = "" })).EnsureSuccessStatusCode(); // "" clears
        Assert.Equal("", (await api.GetFromJsonAsync<EventDetail>("/api/events/partial-put"))!.Description);
    }

    [Fact]
    public async Task The_slug_cannot_be_changed_by_an_update()
    {
        var api = await app.CreateApiClientAsync("slug.keeper@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("slug-keeper"));

        var put = await api.PutAsJsonAsync("/api/events/slug-keeper", EventTestData.Body("slug-thief"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("slug", (await put.FieldErrorsAsync()).Keys);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/events/slug-thief")).StatusCode);
    }

    [Fact]
    public async Task Days_follow_the_event_dates_and_keep_the_hours_of_dates_that_stay()
    {
        var api = await app.CreateApiClientAsync("days@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("days-follow", startsOn: "2026-11-27", endsOn: "2026-11-29"));
        var hours = await api.PutAsJsonAsync("/api/events/days-follow/days/2026-11-29", new { opensAt = "10:00", closesAt = "16:30" });
        Assert.Equal(HttpStatusCode.OK, hours.StatusCode);

        await api.PutAsJsonAsync("/api/events/days-follow", EventTestData.Body("days-follow", startsOn: "2026-11-29", endsOn: "2026-11-30"));

        var detail = await api.GetFromJsonAsync<EventDetail>("/api/events/days-follow");
        Assert.Equal(
            [(new DateOnly(2026, 11, 29), new TimeOnly(10, 0), new TimeOnly(16, 30)), (new DateOnly(2026, 11, 30), new TimeOnly(9, 0), new TimeOnly(18, 0))],
            detail!.Days.Select(d => (d.Date, d.OpensAt, d.ClosesAt)));
        var gone = await api.PutAsJsonAsync("/api/events/days-follow/days/2026-11-27", new { opensAt = "10:00", closesAt = "16:30" });
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Closing_before_opening_is_a_field_message()
    {
        var api = await app.CreateApiClientAsync("hours@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("bad-hours"));

        var response = await api.PutAsJsonAsync("/api/events/bad-hours/days/2026-11-28", new { opensAt = "18:00", closesAt = "09:00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("closesAt", (await response.FieldErrorsAsync()).Keys);
    }

    [Fact]
    public async Task The_public_list_gives_each_events_slug()
    {
        var api = await app.CreateApiClientAsync("lister@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("listed-one"));
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("listed-two"));

        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/events");

        var slugs = list.EnumerateArray().Select(e => e.GetProperty("slug").GetString()).ToList();
        Assert.Contains("listed-one", slugs);
        Assert.Contains("listed-two", slugs);
        Assert.All(list.EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("slug").GetString())));
    }

    [Fact]
    public async Task An_event_can_only_sit_under_an_event_its_creator_organises()
    {
        await app.UserAsync("other.org@example.org");
        await app.CreateEventAsync("someone-elses", "other.org@example.org");
        var api = await app.CreateApiClientAsync("parent.org@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("my-main"));

        var foreign = await api.PostAsJsonAsync("/api/events", EventTestData.Body("my-side", parentSlug: "someone-elses"));
        var missing = await api.PostAsJsonAsync("/api/events", EventTestData.Body("my-side", parentSlug: "no-such-event"));
        var own = await api.PostAsJsonAsync("/api/events", EventTestData.Body("my-side", parentSlug: "my-main"));

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("only place an event under one you organise", string.Join(" ", (await foreign.FieldErrorsAsync())["parentSlug"]));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("parentSlug", (await missing.FieldErrorsAsync()).Keys);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal("my-main", (await own.Content.ReadFromJsonAsync<EventDetail>())!.ParentSlug);
    }

    [Fact]
    public async Task Events_cannot_become_their_own_or_each_others_parent()
    {
        var api = await app.CreateApiClientAsync("cycles@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("cycle-a"));
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("cycle-b", parentSlug: "cycle-a"));
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("cycle-c", parentSlug: "cycle-b"));

        var self = await api.PutAsJsonAsync("/api/events/cycle-a", EventTestData.Body("cycle-a", parentSlug: "cycle-a"));
        var loop = await api.PutAsJsonAsync("/api/events/cycle-a", EventTestData.Body("cycle-a", parentSlug: "cycle-c"));

        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("parentSlug", (await self.FieldErrorsAsync()).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.Contains("parentSlug", (await loop.FieldErrorsAsync()).Keys);
        Assert.Null((await api.GetFromJsonAsync<EventDetail>("/api/events/cycle-a"))!.ParentSlug);
    }

    [Fact]
    public async Task A_taken_slug_is_a_field_message()
    {
        var api = await app.CreateApiClientAsync("taken@example.org", admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body("taken-slug"));

        var again = await api.PostAsJsonAsync("/api/events", EventTestData.Body("taken-slug"));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("slug", (await again.FieldErrorsAsync()).Keys);
    }
}
