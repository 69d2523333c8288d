using System.Net;
using EventPlanner.Tests.Features.Social;
using EventPlanner.Tests.Infrastructure;
using static EventPlanner.Tests.Infrastructure.HostileInput;

namespace EventPlanner.Tests.Features.Surveys;

/// <summary>
/// Every survey operation called as a hostile client (API and the answer form): each bad field of a survey, a question and an answer;
/// ids of another event's survey, question or nothing; links that are not an invitee's. Each answers 4xx and the survey tables stay
/// exactly as they were.
/// </summary>
[Trait("Engine", "Both")]
public sealed class SurveyHostileInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static readonly string[] Tables = ["surveys", "survey_questions", "survey_invitations", "survey_responses", "survey_answers"];

    private static readonly Dictionary<string, string> ValidSurvey = new()
    {
        ["title"] = "\"How was it?\"", ["intro"] = "\"Five minutes.\"", ["audience"] = "\"all\"", ["linked"] = "false",
    };

    private static readonly Dictionary<string, string[]> BadSurvey = new()
    {
        ["title"] = [.. NotRequiredText, Quote(new string('t', 201))], ["intro"] = [.. NotText, Quote(new string('i', 4001))],
        ["audience"] = [.. NotText, "\"everyone\"", "\"ALL\\u0000\""], ["linked"] = NotBool,
    };

    private static readonly Dictionary<string, string> ValidQuestion = new()
    {
        ["kind"] = "\"single\"", ["prompt"] = "\"Pick one\"", ["required"] = "true", ["options"] = "[\"A\",\"B\"]",
    };

    private static readonly Dictionary<string, string[]> BadQuestion = new()
    {
        ["kind"] = [.. NotRequiredText, "\"ranking\""], ["prompt"] = [.. NotRequiredText, Quote(new string('p', 501))], ["required"] = NotBool,
        ["options"] = [.. NotList("\"A\""), "[\"A\"]", "[\"A\",\"a\"]", "[\"A\\u0000\",\"B\"]", $"[\"A\",{Quote(new string('o', 201))}]", "[\"A\",\"\"]"],
    };

    [Fact]
    public async Task Every_api_operation_refuses_each_bad_field_and_body_with_4xx_and_saves_nothing()
    {
        var s = await SurveyKit.CreateAsync(app);
        var draft = await SurveyKit.CreateAsync(app, open: false);
        await s.InviteAsync();
        var token = await s.TokenAsync(app, s.CheckedIn[0]);
        var before = await app.SnapshotAsync(Tables);
        var surveys = $"/api/events/{s.Event.Slug}/surveys";

        await s.Organiser.AssertRefusedAsync(HttpMethod.Post, surveys, Bodies(ValidSurvey, BadSurvey));
        await draft.Organiser.AssertRefusedAsync(HttpMethod.Put, draft.Api, Bodies(ValidSurvey, BadSurvey));
        await draft.Organiser.AssertRefusedAsync(HttpMethod.Post, $"{draft.Api}/questions", Bodies(ValidQuestion, BadQuestion));

        var single = $"{{\"questionId\":{s.Single},\"choices\":[0]}}";
        var scale = $"{{\"questionId\":{s.Scale},\"scale\":3}}";
        string Answers(params string[] answers) => $"[{string.Join(",", answers)}]";
        await app.CreateClient().AssertRefusedAsync(HttpMethod.Post, $"/api/surveys/answer/{token}", Bodies(
            new Dictionary<string, string> { ["answers"] = Answers(single, scale) },
            new Dictionary<string, string[]>
            {
                ["answers"] =
                [
                    .. NotList(single),
                    .. NotInt("0", "-1", "9223372036854775807", s.Text.ToString() + "0").Select(q => Answers(single, scale, $"{{\"questionId\":{q},\"text\":\"x\"}}")),
                    .. new[] { "[-1]", "[3]", "[0,0]", "[2147483648]", "[null]", "[\"a\"]", "{}", "[0,1]" }.Select(c => Answers($"{{\"questionId\":{s.Single},\"choices\":{c}}}", scale)),
                    .. new[] { "[0,0]", "[-1]", "[3]", "[" + string.Join(",", Enumerable.Repeat("0", 10_001)) + "]" }
                        .Select(c => Answers(single, scale, $"{{\"questionId\":{s.Multiple},\"choices\":{c}}}")),
                    .. NotInt("0", "6", "null").Select(n => Answers(single, $"{{\"questionId\":{s.Scale},\"scale\":{n}}}")),
                    .. NotText.Append(Quote(new string('x', 4001))).Select(t => Answers(single, scale, $"{{\"questionId\":{s.Text},\"text\":{t}}}")),
                    Answers(single, scale, $"{{\"questionId\":{s.Text},\"text\":\"x\",\"scale\":3}}"), Answers(single, single, scale), Answers(scale),
                ],
            }));

        // Ids of another event, or of nothing; links that are not an invitee's.
        foreach (var id in new[] { "0", "-1", long.MaxValue.ToString(), draft.Id.ToString(), "99999999999999999999" })
        {
            var api = $"{surveys}/{id}";
            var json = JsonOf(ValidSurvey);
            await s.Organiser.AssertRefusedAsync(HttpMethod.Put, api, [(id, json)], HttpStatusCode.NotFound);
            await s.Organiser.AssertRefusedAsync(HttpMethod.Delete, api, [(id, "")], HttpStatusCode.NotFound);
            await s.Organiser.AssertRefusedAsync(HttpMethod.Post, $"{api}/questions", [(id, JsonOf(ValidQuestion))], HttpStatusCode.NotFound);
            foreach (var action in new[] { "open", "close", "invitations" })
                await s.Organiser.AssertRefusedAsync(HttpMethod.Post, $"{api}/{action}", [(id, "")], HttpStatusCode.NotFound);
            foreach (var read in new[] { "", "/results", "/results.csv" })
                Assert.Equal(HttpStatusCode.NotFound, (await s.Organiser.GetAsync(api + read)).StatusCode);
            await s.Organiser.AssertRefusedAsync(HttpMethod.Delete, $"{s.Api}/questions/{id}", [(id, "")], HttpStatusCode.NotFound, HttpStatusCode.Conflict);
        }
        await draft.Organiser.AssertRefusedAsync(HttpMethod.Delete, $"{draft.Api}/questions/{s.Single}", [("another survey's question", "")], HttpStatusCode.NotFound);
        foreach (var bad in new[] { "x", token[..^1], token + "A", new string('A', 2000) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/surveys/answer/{bad}")).StatusCode);
            await app.CreateClient().AssertRefusedAsync(HttpMethod.Post, $"/api/surveys/answer/{bad}", [(bad[..1], $"{{\"answers\":{Answers(single, scale)}}}")],
                HttpStatusCode.NotFound);
        }

        Assert.Equal(before, await app.SnapshotAsync(Tables));
        await SurveyKit.Ok(await app.CreateClient().SendJsonAsync(HttpMethod.Post, $"/api/surveys/answer/{token}", $"{{\"answers\":{Answers(single, scale)}}}"));
        await SurveyKit.Ok(await draft.Organiser.SendJsonAsync(HttpMethod.Post, $"{draft.Api}/questions", JsonOf(ValidQuestion)));
    }

    [Fact]
    public async Task The_answer_and_organiser_forms_refuse_bad_fields_with_messages_and_save_nothing()
    {
        var s = await SurveyKit.CreateAsync(app);
        var draft = await SurveyKit.CreateAsync(app, open: false);
        await s.InviteAsync();
        var token = await s.TokenAsync(app, s.CheckedIn[0]);
        var before = await app.SnapshotAsync(Tables);

        var answer = $"/surveys/{token}";
        Assert.Contains($"name=\"Q[q{s.Single}]\"", await app.CreateBrowser().GetStringAsync(answer));
        string Q(long id) => $"Q[q{id}]";
        var choiceJunk = new[] { "-1", "99", "abc", "a\u0000b", Huge, "2147483648" };
        foreach (var (question, values) in new[] { (s.Single, choiceJunk), (s.Multiple, choiceJunk), (s.Scale, choiceJunk.Prepend("6").Prepend("0").ToArray()),
            (s.Text, new[] { "a\u0000b", "\u001b[2J", Huge }) })
        {
            foreach (var value in values)
            {
                var fields = new Dictionary<string, string> { [Q(s.Single)] = "0", [Q(s.Scale)] = "3", [Q(question)] = value };
                await SocialHostileInputTests.AssertFormRefusedAsync(app.CreateBrowser(), answer, fields, $"answer {question}={value[..Math.Min(5, value.Length)]}");
            }
        }
        var organiser = await app.SignInAsync(s.Event.OrganiserEmail);
        var draftOrganiser = await app.SignInAsync(draft.Event.OrganiserEmail); // each kit survey is in its own event
        var edit = $"/events/{draft.Event.Slug}/surveys/{draft.Id}";
        foreach (var (field, value) in new[] { ("Input.Title", ""), ("Input.Title", "a\u0000"), ("Input.Title", Huge), ("Input.Audience", "everyone"), ("Input.Linked", "maybe") })
        {
            var fields = new Dictionary<string, string> { ["Input.Title"] = "Ok", ["Input.Audience"] = "all", [field] = value };
            await SocialHostileInputTests.AssertFormRefusedAsync(draftOrganiser, $"{edit}?handler=Details", fields, $"details {field}", edit);
            await SocialHostileInputTests.AssertFormRefusedAsync(organiser, $"/events/{s.Event.Slug}/surveys", fields, $"new {field}");
        }
        foreach (var (field, value) in new[] { ("Question.Kind", "ranking"), ("Question.Prompt", ""), ("Question.Prompt", "\u0007"), ("Question.Options", "A\nA"),
            ("Question.Options", "Only"), ("Question.Required", "maybe"), ("Question.Options", "A\n\u0000") })
        {
            var fields = new Dictionary<string, string> { ["Question.Kind"] = "single", ["Question.Prompt"] = "Pick", ["Question.Options"] = "A\nB", [field] = value };
            await SocialHostileInputTests.AssertFormRefusedAsync(draftOrganiser, $"{edit}?handler=Question", fields, $"question {field}", edit);
        }
        Assert.Equal(before, await app.SnapshotAsync(Tables));
    }
}
