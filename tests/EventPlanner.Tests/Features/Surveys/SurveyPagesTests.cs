using System.Net;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Surveys;

/// <summary>The no-script path: an organiser builds, opens and sends a survey with forms; an invitee answers without logging in; results are escaped.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class SurveyPagesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Organiser_builds_sends_and_reads_a_survey_and_the_invitee_answers_once_without_login()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync("Community");
        var holder = await app.UserAsync("svp");
        await holder.TicketAsync(ev.Slug, type);
        var org = await app.SignInAsync(ev.OrganiserEmail);

        var created = await org.PostFormAsync($"/events/{ev.Slug}/surveys", new() { ["Input.Title"] = "Wie war's?", ["Input.Audience"] = "all" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;
        var badQuestion = await org.PostFormAsync($"{page}?handler=Question", new() { ["Question.Prompt"] = "Food?", ["Question.Kind"] = "single", ["Question.Options"] = "Only one" }, page);
        Assert.Contains("A choice question needs at least two options.", await badQuestion.Content.ReadAsStringAsync());
        (await org.PostFormAsync($"{page}?handler=Question", new() { ["Question.Prompt"] = "Food?", ["Question.Kind"] = "single", ["Question.Options"] = "Good\nBad", ["Question.Required"] = "true" }, page)).EnsureRedirect();
        (await org.PostFormAsync($"{page}?handler=Question", new() { ["Question.Prompt"] = "Anything else?", ["Question.Kind"] = "text" }, page)).EnsureRedirect();
        (await org.PostFormAsync($"{page}?handler=Open", new(), page)).EnsureRedirect();
        (await org.PostFormAsync($"{page}?handler=Send", new(), page)).EnsureRedirect();
        Assert.Contains("1 invited, 0 answered", await org.GetStringAsync(page));

        var token = await app.TokenFromInboxAsync(holder.Id);
        var anonymous = app.CreateBrowser();
        var form = await anonymous.GetStringAsync($"/surveys/{token}");
        Assert.Contains("Your answers are anonymous", form);
        var ids = QuestionField().Matches(form).Select(m => m.Groups[1].Value).Distinct().ToList();
        var missing = await anonymous.PostFormAsync($"/surveys/{token}", new() { [$"Q[q{ids[1]}]"] = "text only" });
        Assert.Contains("\"Food?\" needs an answer.", System.Net.WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
        (await anonymous.PostFormAsync($"/surveys/{token}", new() { [$"Q[q{ids[0]}]"] = "0", [$"Q[q{ids[1]}]"] = "<img src=x onerror=alert(1)> Zoë" })).EnsureRedirect();
        Assert.Contains("Thank you: your answers are in.", await anonymous.GetStringAsync($"/surveys/{token}"));
        Assert.DoesNotContain("<form method=\"post\"", await anonymous.GetStringAsync($"/surveys/{token}"));

        var results = await org.GetStringAsync($"{page}/results");
        Assert.Contains("<strong>1 of 1</strong> invited answered (100 %)", results);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; Zo", results);
        Assert.DoesNotContain("<img src=x", results);
        Assert.Contains("<desc id=\"chart-" + ids[0] + "-desc\">Good: 1; Bad: 0.</desc>", results);
        var csv = await org.GetAsync($"{page}/results?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], (await csv.Content.ReadAsByteArrayAsync())[..3]);
    }

    [GeneratedRegex("name=\"Q\\[q(\\d+)\\]\"")]
    private static partial Regex QuestionField();
}

internal static class PageAsserts
{
    public static void EnsureRedirect(this HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");

    /// <summary>The survey link as the invitation notification carries it (the outbox row: no delivery needed).</summary>
    public static async Task<string> TokenFromInboxAsync(this EventPlannerApp app, long userId)
    {
        await using var c = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<EventPlanner.Web.Data.Db>(app.Services).OpenAsync();
        var body = await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT body FROM notifications WHERE kind = 'survey-invitation' AND user_id = @userId", new { userId });
        return Regex.Match(body!, "/surveys/([A-Za-z0-9_-]{40,})").Groups[1].Value;
    }
}
