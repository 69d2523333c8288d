using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule.Suggestions;

namespace EventPlanner.Tests.Features.Schedule.Suggestions;

/// <summary>Bad requests are 4xx with field messages. No job server runs here, so a started run stays queued until cancelled.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SuggestInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Theory]
    [InlineData("{\"mode\":\"everything\"}", "mode")]
    [InlineData("{\"timeLimitSeconds\":0}", "timeLimitSeconds")]
    [InlineData("{\"timeLimitSeconds\":100000}", "timeLimitSeconds")]
    [InlineData("{\"mode\":\"gaps\",\"moveReleased\":true}", "moveReleased")]
    [InlineData("{\"weights\":{\"popularPairs\":101}}", "weights.popularPairs")]
    [InlineData("{\"weights\":{\"moves\":-1}}", "weights.moves")]
    [InlineData("{\"weights\":{\"keynotesAlone\":2147483647,\"trackConsecutive\":-2147483648}}", "weights.trackConsecutive")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        var e = await ScheduleKit.CreateAsync(app, $"suggest-bad-{field.ToLowerInvariant().Replace('.', '-')}-{body.Length}");
        var response = await e.Organiser.PostAsync($"{e.Api}/suggestions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Unknown_runs_are_404_and_a_queued_run_can_be_cancelled_but_not_applied_or_doubled()
    {
        var e = await ScheduleKit.CreateAsync(app, "suggest-queued");
        await e.SessionAsync("Delta");
        Assert.Equal(HttpStatusCode.NotFound, (await e.Organiser.GetAsync($"{e.Api}/suggestions/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await e.Organiser.PostAsync($"{e.Api}/suggestions/999999/apply", null)).StatusCode);

        var run = await SuggestionKit.StartAsync(e.Organiser, e.Slug);
        Assert.Equal(HttpStatusCode.Conflict, (await e.Organiser.PostAsJsonAsync($"{e.Api}/suggestions", new { mode = "gaps" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/apply", null)).StatusCode);

        var cancelled = await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(SuggestionStates.Cancelled, (await cancelled.Content.ReadFromJsonAsync<SuggestionResponse>())!.State);
        Assert.Equal(HttpStatusCode.Conflict, (await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/apply", null)).StatusCode);
        // Once it has stopped, a new run may start.
        Assert.Equal(HttpStatusCode.Accepted, (await e.Organiser.PostAsJsonAsync($"{e.Api}/suggestions", new { mode = "replan" })).StatusCode);
    }

    [Fact]
    public async Task A_weight_outside_0_to_100_on_the_form_is_named_on_the_page_and_starts_nothing()
    {
        var e = await ScheduleKit.CreateAsync(app, "suggest-bad-weight-page");
        await e.SessionAsync("Zeta");
        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");

        var response = await browser.PostFormAsync($"/events/{e.Slug}/schedule/manage/suggest",
            new() { ["Mode"] = "gaps", ["TimeLimitSeconds"] = "3", ["TrackRoom"] = "250", ["Moves"] = "ten" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Please check the form", page);
        Assert.Contains("not valid for Moves", page);
        Assert.Empty((await e.Organiser.GetFromJsonAsync<List<SuggestionResponse>>($"{e.Api}/suggestions"))!);

        var range = await browser.PostFormAsync($"/events/{e.Slug}/schedule/manage/suggest",
            new() { ["Mode"] = "gaps", ["TimeLimitSeconds"] = "3", ["TrackRoom"] = "250" });
        Assert.Contains("The weight for a track in one room must be between 0 and 100.", await range.Content.ReadAsStringAsync());
        Assert.Empty((await e.Organiser.GetFromJsonAsync<List<SuggestionResponse>>($"{e.Api}/suggestions"))!);
    }
}
