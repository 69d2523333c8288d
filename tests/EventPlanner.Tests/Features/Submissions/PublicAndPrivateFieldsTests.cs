using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>
/// Issue 14: the proposal form says which fields are published (title, abstract, description) and which stay with the
/// organisers (notes), and the published pages and exports carry only the public ones.
/// </summary>
[RunsLong(seconds: 15)]
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PublicAndPrivateFieldsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_form_marks_each_field_public_or_private_and_a_released_talks_notes_reach_no_public_page_or_export()
    {
        app.CreateClient();
        var data = await DemoSeeder.SeedAsync(app.Services);
        await using var db = await app.Services.GetRequiredService<Db>().OpenAsync();
        // Released demo talks whose speakers wrote notes for the organisers.
        var released = (await db.QueryAsync<(long SessionId, string Notes, string Description)>("""
            SELECT s.id, p.notes, p.description FROM schedule_sessions s JOIN proposals p ON p.id = s.proposal_id
            WHERE p.notes <> '' AND s.starts_at IS NOT NULL
            """)).ToList();
        Assert.NotEmpty(released);

        var anonymous = app.CreateClient();
        var exports = string.Join("\n", await Task.WhenAll(new[] { "schedule.json", "schedule.xml", "schedule.ics" }
            .Select(f => anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/{f}"))));
        var shown = 0;
        foreach (var (sessionId, notes, _) in released)
        {
            var page = await anonymous.GetAsync($"/events/{DemoEvent.Slug}/sessions/{sessionId}");
            if (page.StatusCode != System.Net.HttpStatusCode.OK) continue; // placed after the last release
            shown++;
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain(notes, html);
            Assert.Contains("Why it matters", html); // the description is public, as the form says
        }
        Assert.True(shown > 0, "no released demo talk with notes to check");
        Assert.DoesNotContain(released[0].Notes, exports);

        var speaker = app.CreateBrowser();
        await speaker.PostFormAsync("/account/login", new() { ["Input.Email"] = data.Speakers[0].Email, ["Input.Password"] = data.Password });
        var form = await (await speaker.GetAsync($"/events/{DemoEvent.Slug}/proposals/new")).HtmlAsync();
        Assert.Contains("Public", form.QuerySelector("#abstract-help")!.TextContent);
        Assert.Contains("Public", form.QuerySelector("#description-help")!.TextContent);
        Assert.Contains("Private", form.QuerySelector("#notes-help")!.TextContent);
        Assert.Contains("(public)", form.QuerySelector("label[for='Form_Description']")!.TextContent);
        Assert.Contains("(private)", form.QuerySelector("label[for='Form_Notes']")!.TextContent);
    }
}
