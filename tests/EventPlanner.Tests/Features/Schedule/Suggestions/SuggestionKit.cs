using System.Net.Http.Json;
using EventPlanner.Web.Features.Schedule.Suggestions;

namespace EventPlanner.Tests.Features.Schedule.Suggestions;

internal static class SuggestionKit
{
    /// <summary>Starts a suggestion through the API; a small time limit keeps the test short (the demo solves at once).</summary>
    public static async Task<SuggestionResponse> StartAsync(HttpClient organiser, string slug, string mode = "gaps", int seconds = 3)
    {
        var response = await organiser.PostAsJsonAsync($"/api/events/{slug}/schedule/suggestions", new { mode, timeLimitSeconds = seconds });
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SuggestionResponse>())!;
    }

    /// <summary>Polls the run as the page does, until the solver has stopped.</summary>
    public static async Task<SuggestionResponse> FinishedAsync(HttpClient organiser, string slug, long id)
    {
        for (var i = 0; i < 240; i++)
        {
            var run = (await organiser.GetFromJsonAsync<SuggestionResponse>($"/api/events/{slug}/schedule/suggestions/{id}"))!;
            if (!SuggestionStates.IsActive(run.State)) return run;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Suggestion {id} did not finish within a minute.");
    }
}
