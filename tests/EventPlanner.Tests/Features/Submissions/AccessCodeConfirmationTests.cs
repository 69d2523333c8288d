using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>Deleting an access code asks first, counting the drafts and the submitted proposals that carry it.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AccessCodeConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private sealed record Code(long Id);

    [Fact]
    public async Task Deleting_a_code_counts_the_proposals_carrying_it_asks_again_after_a_new_draft_and_then_deletes_it()
    {
        // The call closed an hour ago: only the code lets these proposals in, so they carry it.
        var e = await CfpKit.CreateAsync(app, "ac-delete", closesIn: TimeSpan.FromHours(-1));
        var created = await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/cfp/access-codes", new { code = "LATEBIRD", description = "for invited speakers" });
        created.EnsureSuccessStatusCode();
        var codeId = (await created.Content.ReadFromJsonAsync<Code>())!.Id;
        var (_, speaker) = await CfpKit.FastSpeakerAsync(app, "ac.speaker@example.org");
        (await speaker.PostAsJsonAsync($"/api/events/{e.Slug}/proposals", CfpKit.Proposal(e, "Submitted with the code", submit: true, accessCode: "LATEBIRD"))).EnsureSuccessStatusCode();
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var page = $"/events/{e.Slug}/cfp/settings";
        var url = $"{page}?handler=DeleteCode&codeId={codeId}";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Equal((0, 1), (first.Count("drafts"), first.Count("submitted")));
        Assert.Contains("LATEBIRD", first.TextContent);

        (await speaker.PostAsJsonAsync($"/api/events/{e.Slug}/proposals", CfpKit.Proposal(e, "A draft with the code", accessCode: "LATEBIRD"))).EnsureSuccessStatusCode();
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal((1, 1), (again.Count("drafts"), again.Count("submitted")));
        Assert.Contains("LATEBIRD", await e.Organiser.GetStringAsync($"/api/events/{e.Slug}/cfp/access-codes"));

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.DoesNotContain("LATEBIRD", await e.Organiser.GetStringAsync($"/api/events/{e.Slug}/cfp/access-codes"));
    }
}
