using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Api;

/// <summary>Bad input is the client's 4xx with an RFC 7807 body, never a 500.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ProblemDetailsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<HttpClient> OrganiserAsync(string slug)
    {
        var email = $"{slug}@example.org";
        var api = await app.CreateApiClientAsync(email, admin: true);
        await api.PostAsJsonAsync("/api/events", EventTestData.Body(slug));
        return api;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_problem_details()
    {
        var api = await OrganiserAsync("too-big");
        var huge = JsonSerializer.Serialize(EventTestData.Body("too-big", description: new string('x', 300 * 1024)));

        var response = await api.PutAsync("/api/events/too-big", Json(huge));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("262144", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_required_fields_are_400_with_errors_keyed_by_field()
    {
        var api = await app.CreateApiClientAsync("missing.fields@example.org", admin: true);

        var response = await api.PostAsync("/api/events", Json("""{ "venue": "Somewhere" }"""));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["endsOn", "name", "slug", "startsOn", "timeZone"], fields.Order());
        Assert.Contains("required", problem.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task Missing_room_fields_are_400_with_errors_keyed_by_field()
    {
        var api = await OrganiserAsync("room-fields");

        var response = await api.PostAsync("/api/events/room-fields/rooms", Json("{}"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["capacity", "name"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("""{ "slug": "broken", "name": """)]
    [InlineData("""{ "slug": "broken" "name": "x" }""")]
    [InlineData("not json at all")]
    public async Task Malformed_json_is_400_problem_details_not_500(string body)
    {
        var api = await app.CreateApiClientAsync("malformed@example.org", admin: true);

        var response = await api.PostAsync("/api/events", Json(body));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_empty_or_null_body_is_400_problem_details()
    {
        var api = await OrganiserAsync("empty-body");

        await ProblemAsync(await api.PostAsync("/api/events/empty-body/rooms", Json("")), HttpStatusCode.BadRequest);
        await ProblemAsync(await api.PostAsync("/api/events/empty-body/rooms", Json("null")), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{ "name": "Hall", "capacity": "lots" }""")]
    [InlineData("""{ "name": "Hall", "capacity": 12.5 }""")]
    [InlineData("""{ "name": "Hall", "capacity": 99999999999 }""")]
    [InlineData("""{ "name": ["Hall"], "capacity": 10 }""")]
    public async Task A_value_of_the_wrong_type_is_400_problem_details(string body)
    {
        var api = await OrganiserAsync($"wrong-type-{Math.Abs(body.GetHashCode()) % 100000}");
        var slug = $"wrong-type-{Math.Abs(body.GetHashCode()) % 100000}";

        var response = await api.PostAsync($"/api/events/{slug}/rooms", Json(body));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_wrong_type_in_the_event_body_is_400_problem_details()
    {
        var api = await app.CreateApiClientAsync("wrong.bool@example.org", admin: true);
        var body = EventTestData.Body("wrong-bool");
        body["isPublic"] = "yes please";

        var response = await api.PostAsJsonAsync("/api/events", body);

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_badly_written_date_in_the_path_is_a_field_message()
    {
        var api = await OrganiserAsync("bad-path-date");

        var response = await api.PutAsJsonAsync("/api/events/bad-path-date/days/28-11-2026", new { opensAt = "09:00", closesAt = "17:00" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("date", out _));
    }

    [Fact]
    public async Task An_unknown_slug_is_403_or_404_never_500()
    {
        var api = await app.CreateApiClientAsync("unknown.slug@example.org", admin: true);
        var browser = await app.SignInAsync("unknown.slug@example.org");

        foreach (var response in new[]
        {
            await api.GetAsync("/api/events/no-such-event"),
            await api.PutAsJsonAsync("/api/events/no-such-event", EventTestData.Body("no-such-event")),
            await api.GetAsync("/api/events/no-such-event/rooms"),
            await api.PostAsJsonAsync("/api/events/no-such-event/rooms", new { name = "R", capacity = 1 }),
            await api.DeleteAsync("/api/events/no-such-event/tracks/1"),
            await api.PutAsJsonAsync("/api/events/no-such-event/days/2026-11-28", new { opensAt = "09:00", closesAt = "17:00" }),
            await api.GetAsync("/api/events/%E2%98%83%20%3Cscript%3E"),
            await browser.GetAsync("/events/no-such-event"),
            await browser.GetFollowingAsync("/events/no-such-event/manage"),
            await browser.GetFollowingAsync("/events/no-such-event/manage/rooms"),
        })
        {
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Unknown_room_and_track_ids_of_an_event_you_organise_are_404()
    {
        var api = await OrganiserAsync("unknown-ids");

        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync("/api/events/unknown-ids/rooms/999999", new { name = "R", capacity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/events/unknown-ids/tracks/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/events/unknown-ids/team/999999/reviewer")).StatusCode);
    }
}

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OversizedFormTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task An_oversized_form_post_to_a_page_is_a_4xx_page_not_a_500()
    {
        var client = app.CreateBrowser();
        var page = await client.GetStringAsync("/account/login");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormPosting.AntiforgeryFrom(page),
            ["Input.Email"] = new string('a', 5 * 1024 * 1024),
            ["Input.Password"] = "x",
        };

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
