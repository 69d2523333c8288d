using System.Net;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Features.Accounts;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Privacy;

/// <summary>
/// Issue 21 with issue 17's features: a person's ratings, survey invitations (and answers, where the survey said up
/// front that they carry names) and the materials they attached are in their export, and erasure leaves no link from
/// any of them back to the person.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AfterTheTalksPersonalDataTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Ratings_linked_survey_answers_and_materials_are_exported_and_erasure_unlinks_them()
    {
        var e = await ScheduleKit.CreateAsync(app, "pd-after");
        var session = await e.SessionAsync("Packaging Rust for Debian");
        var person = await app.CreateUserAsync("dee.after@example.org", "Dee After");
        var eventId = (await app.Services.GetRequiredService<EventStore>().FindAsync(e.Slug))!.Id;
        var db = app.Services.GetRequiredService<Db>();
        const string now = "2026-11-25T09:00:00.0000000Z";
        await using (var c = await db.OpenAsync())
        {
            var args = new { eventId, sessionId = session.Id, userId = person.Id, now };
            await c.ExecuteAsync("""
                INSERT INTO session_feedback (event_id, session_id, user_id, rating, comment, created_at, updated_at)
                VALUES (@eventId, @sessionId, @userId, 4, 'Great pacing', @now, @now);
                INSERT INTO session_materials (event_id, session_id, kind, title, url, added_by, created_at)
                VALUES (@eventId, @sessionId, 'slides', 'My slides', 'https://example.org/slides.pdf', @userId, @now);
                INSERT INTO surveys (event_id, title, state, audience, linked, created_at, updated_at) VALUES (@eventId, 'Closing survey', 'open', 'all', TRUE, @now, @now);
                INSERT INTO survey_questions (survey_id, position, kind, prompt, required, options)
                VALUES ((SELECT MAX(id) FROM surveys), 1, 'text', 'What should we keep?', FALSE, '[]');
                INSERT INTO survey_invitations (survey_id, user_id, token, answered, created_at)
                VALUES ((SELECT MAX(id) FROM surveys), @userId, 'sv_test_token_after_the_talks', TRUE, @now);
                INSERT INTO survey_responses (survey_id, invitation_id) VALUES ((SELECT MAX(id) FROM surveys), (SELECT MAX(id) FROM survey_invitations));
                INSERT INTO survey_answers (response_id, question_id, text) VALUES ((SELECT MAX(id) FROM survey_responses), (SELECT MAX(id) FROM survey_questions), 'The hallway track');
                """, args);
        }

        var api = await app.CreateApiClientAsync(person.Email!);
        var export = await api.PostAsync("/api/me/personal-data", null);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        var s = json.RootElement.GetProperty("sections");
        Assert.Equal("Great pacing", Single(s, "session_feedback", "ratings").GetProperty("comment").GetString());
        Assert.Equal("The hallway track", Single(s, "surveys", "linked_answers").GetProperty("text").GetString());
        Assert.Equal("Closing survey", Single(s, "surveys", "invitations").GetProperty("survey").GetString());
        Assert.Equal("My slides", Single(s, "materials", "added").GetProperty("title").GetString());

        var browser = await app.SignInAsync(person.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = EventPlannerApp.Password })).StatusCode);

        await using var after = await db.OpenAsync();
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM session_feedback WHERE comment = 'Great pacing'"));
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM survey_invitations WHERE token = 'sv_test_token_after_the_talks'"));
        // The answer still counts in the results, but nothing leads from it to anyone.
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM survey_answers WHERE text = 'The hallway track'"));
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM survey_responses WHERE invitation_id IS NOT NULL"));
        // The slides stay with the session, without naming who added them.
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM session_materials WHERE title = 'My slides' AND added_by IS NULL"));
    }

    private static JsonElement Single(JsonElement sections, string section, string part) =>
        Assert.Single(sections.GetProperty(section).GetProperty(part).EnumerateArray().ToList());
}
