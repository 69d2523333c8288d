using System.Net;
using EventPlanner.Tests.Features.Social;
using EventPlanner.Tests.Infrastructure;
using static EventPlanner.Tests.Infrastructure.HostileInput;

namespace EventPlanner.Tests.Features.Feedback;

/// <summary>
/// Rating and the feedback settings called as a hostile client (API and the rate form): each bad field, bodies that are no object,
/// session ids of another event or of nothing. Each answers 4xx and the feedback tables stay exactly as they were.
/// </summary>
[Trait("Engine", "Both")]
public sealed class FeedbackHostileInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static readonly string[] Tables = ["session_feedback", "feedback_settings"];

    [Fact]
    public async Task Rating_and_settings_refuse_each_bad_field_body_and_id_with_4xx_and_save_nothing()
    {
        var s = await FeedbackKit.CreateAsync(app, "fb-hostile");
        var other = await FeedbackKit.CreateAsync(app, "fb-hostile-other");
        var ann = await s.AttendeeAsync(app);
        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddHours(1));
        var browser = await app.SignInAsync(ann.Email);
        var before = await app.SnapshotAsync(Tables);

        var valid = new Dictionary<string, string> { ["rating"] = "4", ["comment"] = "\"Good\"" };
        await ann.Api.AssertRefusedAsync(HttpMethod.Put, $"{s.Api}/sessions/{s.Talk}", Bodies(valid, new Dictionary<string, string[]>
        {
            ["rating"] = NotInt("0", "6", "-1", "null"), ["comment"] = [.. NotText, Quote(new string('c', 2001))],
        }));
        await s.Organiser.AssertRefusedAsync(HttpMethod.Put, $"{s.Api}/settings", Bodies(new Dictionary<string, string> { ["isRemote"] = "true" },
            new Dictionary<string, string[]> { ["isRemote"] = [.. NotBool, "null"] }));
        foreach (var id in new[] { "0", "-1", long.MaxValue.ToString(), other.Talk.ToString(), "99999999999999999999" })
        {
            await ann.Api.AssertRefusedAsync(HttpMethod.Put, $"{s.Api}/sessions/{id}", [(id, JsonOf(valid))], HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.NotFound, (await ann.Api.GetAsync($"{s.Api}/sessions/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/events/{s.Slug}/sessions/{id}/rate")).StatusCode);
        }

        var rate = $"/events/{s.Slug}/sessions/{s.Talk}/rate";
        foreach (var (field, value) in new[] { ("Input.Rating", "0"), ("Input.Rating", "6"), ("Input.Rating", "abc"), ("Input.Rating", "99999999999"),
            ("Input.Rating", ""), ("Input.Comment", "a\u0000b"), ("Input.Comment", "\u0007"), ("Input.Comment", new string('c', 2001)), ("Input.Comment", Huge) })
        {
            await SocialHostileInputTests.AssertFormRefusedAsync(browser, rate, new() { ["Input.Rating"] = "4", ["Input.Comment"] = "", [field] = value }, $"{field}");
        }

        Assert.Equal(before, await app.SnapshotAsync(Tables));
        await SocialHostileInputTests.AssertFormRefusedAsync(browser, rate, new() { ["Input.Rating"] = "x" }, "sanity: the form refuses");
        Assert.Equal(HttpStatusCode.OK, (await ann.Api.SendJsonAsync(HttpMethod.Put, $"{s.Api}/sessions/{s.Talk}", JsonOf(valid))).StatusCode);
    }
}
