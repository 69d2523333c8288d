using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Surveys;

/// <summary>An event with ticket holders (some checked in) and a survey of four questions, one of each kind, built through the API.</summary>
public sealed record SurveySetup(TestEvent Event, long Id, IReadOnlyList<SurveyQuestionResponse> Questions, IReadOnlyList<TestUser> CheckedIn,
    IReadOnlyList<TestUser> NotCheckedIn)
{
    public string Api => $"/api/events/{Event.Slug}/surveys/{Id}";
    public HttpClient Organiser => Event.Organiser;
    public long Single => Questions[0].Id;
    public long Multiple => Questions[1].Id;
    public long Scale => Questions[2].Id;
    public long Text => Questions[3].Id;
}

internal static class SurveyKit
{
    public static async Task<SurveySetup> CreateAsync(EventPlannerApp app, int checkedIn = 2, int notCheckedIn = 1, string audience = "all",
        bool linked = false, bool open = true)
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync("Community");
        var inside = new List<TestUser>();
        var outside = new List<TestUser>();
        for (var i = 0; i < checkedIn + notCheckedIn; i++)
        {
            var user = await app.UserAsync("sv");
            var ticket = await user.TicketAsync(ev.Slug, type);
            if (i < checkedIn)
            {
                (await ev.Organiser.CheckInAsync(ev.Slug, ticket.Secret)).EnsureSuccessStatusCode();
                inside.Add(user);
            }
            else outside.Add(user);
        }
        var created = await Ok(await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/surveys",
            new { title = "How was it?", intro = "Five minutes, please.", audience, linked }));
        var id = (await created.Content.ReadFromJsonAsync<SurveyResponse>())!.Id;
        var api = $"/api/events/{ev.Slug}/surveys/{id}";
        foreach (var q in new object[]
        {
            new { kind = "single", prompt = "Will you come again?", required = true, options = new[] { "Yes", "No", "Maybe" } },
            new { kind = "multiple", prompt = "What did you enjoy?", required = false, options = new[] { "Talks", "Hallway track", "Food" } },
            new { kind = "scale", prompt = "The venue", required = true, options = Array.Empty<string>() },
            new { kind = "text", prompt = "Anything else?", required = false, options = Array.Empty<string>() },
        })
        {
            await Ok(await ev.Organiser.PostAsJsonAsync($"{api}/questions", q));
        }
        if (open) await Ok(await ev.Organiser.PostAsync($"{api}/open", null));
        var survey = (await ev.Organiser.GetFromJsonAsync<SurveyResponse>(api))!;
        return new SurveySetup(ev, id, survey.Questions, inside, outside);
    }

    public static async Task<SurveyInviteResponse> InviteAsync(this SurveySetup s) =>
        (await (await Ok(await s.Organiser.PostAsync($"{s.Api}/invitations", null))).Content.ReadFromJsonAsync<SurveyInviteResponse>())!;

    /// <summary>The personal token of an invitee, as the invitation mail carries it (read from the table: no mail delivery needed).</summary>
    public static async Task<string> TokenAsync(this SurveySetup s, EventPlannerApp app, TestUser user)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT token FROM survey_invitations WHERE survey_id = @Id AND user_id = @userId",
            new { s.Id, userId = user.Id }) ?? throw new InvalidOperationException($"{user.Email} is not invited.");
    }

    public static object Answers(this SurveySetup s, int single, int[] multiple, int scale, string? text) =>
        new
        {
            answers = new object[]
            {
                new { questionId = s.Single, choices = new[] { single } },
                new { questionId = s.Multiple, choices = multiple },
                new { questionId = s.Scale, scale },
                new { questionId = s.Text, text },
            },
        };

    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient anonymous, string token, object body) =>
        anonymous.PostAsJsonAsync($"/api/surveys/answer/{token}", body);

    public static async Task<HttpResponseMessage> Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
