using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Surveys;

/// <summary>Invitations, personal links, answers counted exactly, anonymity, the CSV.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SurveyAnswerTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Each_link_answers_once_without_login_and_results_count_exactly_with_no_way_back_to_the_person()
    {
        var s = await SurveyKit.CreateAsync(app, checkedIn: 3, notCheckedIn: 1);
        Assert.Equal(new SurveyInviteResponse(4, 4), await s.InviteAsync());
        Assert.Equal(new SurveyInviteResponse(0, 4), await s.InviteAsync()); // nobody twice
        await using (var c = await Db.OpenAsync())
        {
            Assert.Equal(4, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notifications WHERE kind = 'survey-invitation' AND event_id = @Id", new { s.Event.Id }));
        }

        var anonymous = app.CreateClient();
        var tokens = new List<string>();
        foreach (var u in s.CheckedIn.Concat(s.NotCheckedIn)) tokens.Add(await s.TokenAsync(app, u));
        var form = (await anonymous.GetFromJsonAsync<SurveyFormResponse>($"/api/surveys/answer/{tokens[0]}"))!;
        Assert.Equal((true, false, 4), (form.Open, form.Answered, form.Questions.Count));

        await SurveyKit.Ok(await anonymous.AnswerAsync(tokens[0], s.Answers(0, [0, 1], 5, "Zoë: the 素食 lunch was great")));
        await SurveyKit.Ok(await anonymous.AnswerAsync(tokens[1], s.Answers(0, [1], 4, "=HYPERLINK(\"http://evil\")")));
        await SurveyKit.Ok(await anonymous.AnswerAsync(tokens[2], s.Answers(2, [], 2, null)));
        var again = await anonymous.AnswerAsync(tokens[0], s.Answers(1, [2], 1, "second go"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.AnswerAsync("not-a-real-token-at-all", s.Answers(0, [], 3, null))).StatusCode);
        Assert.True((await anonymous.GetFromJsonAsync<SurveyFormResponse>($"/api/surveys/answer/{tokens[0]}"))!.Answered);

        var r = (await s.Organiser.GetFromJsonAsync<SurveyResultsResponse>($"{s.Api}/results"))!;
        Assert.Equal((4, 3, 75.0), (r.Invited, r.Responded, r.ResponseRate));
        Assert.Equal([2, 0, 1], r.Questions[0].Counts.Select(x => x.Count));
        Assert.Equal([1, 2, 0], r.Questions[1].Counts.Select(x => x.Count));
        Assert.Equal(2, r.Questions[1].Answered);
        Assert.Equal([0, 1, 0, 1, 1], r.Questions[2].Counts.Select(x => x.Count));
        Assert.Equal(3.67, r.Questions[2].Mean);
        Assert.Equal(["Zoë: the 素食 lunch was great", "=HYPERLINK(\"http://evil\")"], r.Questions[3].Texts.Select(t => t.Text));
        Assert.All(r.Questions[3].Texts, t => Assert.Null(t.Respondent));
        await using (var c = await Db.OpenAsync())
        {
            // The tables themselves keep no link from a response to an invitee.
            Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM survey_responses WHERE survey_id = @Id AND invitation_id IS NOT NULL", new { s.Id }));
        }

        var csv = await s.Organiser.GetAsync($"{s.Api}/results.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("response,Will you come again?,What did you enjoy?,The venue,Anything else?", lines[0]);
        Assert.Equal("1,Yes,Talks; Hallway track,5,Zoë: the 素食 lunch was great", lines[1]);
        Assert.Equal("2,Yes,Hallway track,4,\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[2]);
        Assert.Equal("3,Maybe,,2,", lines[3]);
        Assert.Equal(4, lines.Length);

        // Closed: the last link stops working.
        await SurveyKit.Ok(await s.Organiser.PostAsync($"{s.Api}/close", null));
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.AnswerAsync(tokens[3], s.Answers(0, [], 3, null))).StatusCode);
    }

    [Fact]
    public async Task Checked_in_audience_invites_only_those_checked_in_and_a_linked_survey_shows_names()
    {
        var s = await SurveyKit.CreateAsync(app, checkedIn: 2, notCheckedIn: 2, audience: "checked_in", linked: true);
        Assert.Equal(new SurveyInviteResponse(2, 2), await s.InviteAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.TokenAsync(app, s.NotCheckedIn[0]));
        // Whether answers carry names is fixed once the survey has opened.
        Assert.Equal(HttpStatusCode.Conflict, (await s.Organiser.PutAsJsonAsync(s.Api, new { title = "How was it?", audience = "checked_in", linked = false })).StatusCode);

        await SurveyKit.Ok(await app.CreateClient().AnswerAsync(await s.TokenAsync(app, s.CheckedIn[0]), s.Answers(1, [], 3, "Signed")));
        var r = (await s.Organiser.GetFromJsonAsync<SurveyResultsResponse>($"{s.Api}/results"))!;
        Assert.True(r.Linked);
        Assert.Equal(s.CheckedIn[0].Email.Split('@')[0], Assert.Single(r.Questions[3].Texts).Respondent);
    }

    [Fact]
    public async Task Survey_operations_belong_to_organisers_of_that_event_only()
    {
        var s = await SurveyKit.CreateAsync(app);
        var other = await SurveyKit.CreateAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.CheckedIn[0].Api.GetAsync($"{s.Api}/results")).StatusCode);
        // An organiser of another event: the survey id is not found through their own event, and their role grants nothing here.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organiser.GetAsync($"/api/events/{other.Event.Slug}/surveys/{s.Id}/results")).StatusCode);
        var nonAdmin = await app.CreateApiClientAsync("sv-nobody@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await nonAdmin.GetAsync($"{s.Api}/results.csv")).StatusCode);
    }
}
