using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Surveys;

/// <summary>Refused input is a 400 with field messages and leaves nothing behind; a draft cannot be sent; a link answers once under a race.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SurveyInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Bad_surveys_questions_and_answers_are_400_with_field_messages_and_save_nothing()
    {
        var s = await SurveyKit.CreateAsync(app);
        var slug = s.Event.Slug;
        foreach (var (body, field) in new (object, string)[]
        {
            (new { title = "" }, "title"), (new { title = new string('t', 201) }, "title"), (new { title = "ok", audience = "everyone" }, "audience"),
            (new { title = "ok\u0001" }, "title"),
        })
        {
            var r = await s.Organiser.PostAsJsonAsync($"/api/events/{slug}/surveys", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains($"\"{field}\"", await r.Content.ReadAsStringAsync());
        }

        var draft = await SurveyKit.CreateAsync(app, open: false);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { kind = "ranking", prompt = "Q" }, "kind"), (new { kind = "single", prompt = "Q", options = new[] { "Only" } }, "options"),
            (new { kind = "single", prompt = "Q", options = new[] { "A", "a" } }, "options"), (new { kind = "text", prompt = "Q", options = new[] { "A" } }, "options"),
            (new { kind = "multiple", prompt = "Q", options = new[] { "A", null } }, "options[1]"),
            (new { kind = "multiple", prompt = "Q", options = Enumerable.Range(0, 21).Select(i => $"o{i}").ToArray() }, "options"),
            (new { kind = "scale", prompt = "" }, "prompt"),
        })
        {
            var r = await draft.Organiser.PostAsJsonAsync($"{draft.Api}/questions", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains($"\"{field}\"", await r.Content.ReadAsStringAsync());
        }
        Assert.Equal(4, (await draft.Organiser.GetFromJsonAsync<EventPlanner.Web.Features.Surveys.SurveyResponse>(draft.Api))!.Questions.Count);
        Assert.Equal(HttpStatusCode.Conflict, (await draft.Organiser.PostAsync($"{draft.Api}/invitations", null)).StatusCode); // a draft is not sent
        // Questions are fixed once open.
        Assert.Equal(HttpStatusCode.Conflict, (await s.Organiser.PostAsJsonAsync($"{s.Api}/questions", new { kind = "text", prompt = "Late" })).StatusCode);

        await s.InviteAsync();
        var token = await s.TokenAsync(app, s.CheckedIn[0]);
        var anonymous = app.CreateClient();
        foreach (var body in new object[]
        {
            new { answers = new object[] { new { questionId = s.Scale, scale = 3 } } }, // the required single choice left out
            new { answers = new object[] { new { questionId = s.Single, choices = new[] { 3 } }, new { questionId = s.Scale, scale = 3 } } },
            new { answers = new object[] { new { questionId = s.Single, choices = new[] { 0, 1 } }, new { questionId = s.Scale, scale = 3 } } },
            new { answers = new object[] { new { questionId = s.Single, choices = new[] { 0 } }, new { questionId = s.Scale, scale = 6 } } },
            new { answers = new object[] { new { questionId = s.Single, choices = new[] { 0 } }, new { questionId = s.Scale, scale = 3 }, new { questionId = 999999L, text = "x" } } },
            new { answers = new object[] { new { questionId = s.Single, choices = new[] { 0 } }, new { questionId = s.Single, choices = new[] { 1 } }, new { questionId = s.Scale, scale = 3 } } },
            new { answers = new object?[] { new { questionId = s.Single, choices = new[] { 0 } }, null, new { questionId = s.Scale, scale = 3 } } },
            new { answers = new object[] { new { questionId = s.Single, choices = new[] { 0 } }, new { questionId = s.Scale, scale = 3 }, new { questionId = s.Text, text = new string('x', 4001) } } },
            new { answers = new object[] { new { questionId = s.Single, choices = new[] { 0 } }, new { questionId = s.Scale, scale = 3, text = "both" } } },
        })
        {
            var r = await anonymous.AnswerAsync(token, body);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{System.Text.Json.JsonSerializer.Serialize(body)}: {(int)r.StatusCode}");
            Assert.Contains("\"errors\"", await r.Content.ReadAsStringAsync());
        }
        await using (var c = await Db.OpenAsync())
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM survey_responses WHERE survey_id = @Id", new { s.Id }));
            Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM survey_invitations WHERE survey_id = @Id AND answered = TRUE", new { s.Id }));
        }
        // The link still works once the answers are right.
        await SurveyKit.Ok(await anonymous.AnswerAsync(token, s.Answers(0, [], 3, null)));
    }

    [Fact]
    public async Task The_same_link_submitted_twenty_times_at_once_records_one_response()
    {
        var s = await SurveyKit.CreateAsync(app, checkedIn: 1, notCheckedIn: 0);
        await s.InviteAsync();
        var token = await s.TokenAsync(app, s.CheckedIn[0]);
        using var start = new SemaphoreSlim(0);
        var racers = Enumerable.Range(0, 20).Select(async i =>
        {
            var client = app.CreateClient();
            await start.WaitAsync();
            return await client.AnswerAsync(token, s.Answers(i % 3, [i % 3], 1 + i % 5, $"try {i}"));
        }).ToList();
        start.Release(20);
        var responses = await Task.WhenAll(racers);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using var c = await Db.OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM survey_responses WHERE survey_id = @Id", new { s.Id }));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = @Id AND a.text IS NOT NULL
            """, new { s.Id }));
    }
}
