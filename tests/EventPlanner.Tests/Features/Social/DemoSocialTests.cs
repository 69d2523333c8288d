using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Social;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Social;

[Trait("Engine", "Both")] // runs in the PostgreSQL pass too (issue 19)
public sealed class DemoSocialTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_a_speakers_dinner_with_guests_dietary_needs_a_no_a_waiting_list_and_no_replies_yet()
    {
        app.CreateClient();
        var data = await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);

        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoEvent.Slug))!;
        var dinner = Assert.Single(await app.Services.GetRequiredService<SocialStore>().ListAsync(e.Id, publicOnly: false));
        Assert.Equal("Speakers' dinner", dinner.Title);
        var rows = (await app.Services.GetRequiredService<SocialInvitations>().ListAsync(dinner.Id)).Select(r => r.Row).ToList();
        var totals = SocialReport.Totals(dinner, rows);
        Assert.Equal((3, 1, 4, 1, 1), (totals.Yes, totals.Guests, totals.People, totals.Waiting, totals.No));
        Assert.True(totals.NoReply >= 1, $"{totals.NoReply} without a reply");
        var vegetarian = Assert.Single(SocialReport.Dietary(rows), n => n.Need == "Vegetarian");
        Assert.Equal((2, 3), (vegetarian.Replies, vegetarian.People));

        // An organiser sees it all on the guests page.
        var organiser = app.CreateBrowser();
        await organiser.PostFormAsync("/account/login", new() { ["Input.Email"] = data.Organisers[0].Email, ["Input.Password"] = data.Password });
        var page = await organiser.GetStringAsync($"/events/{DemoEvent.Slug}/social/{dinner.Id}/manage");
        Assert.Contains("Step-free access, please (wheelchair)", page);
        Assert.Contains("On the waiting list (#1)", page);

        // The dashboard's social card counts the same replies.
        var dashboard = await (await organiser.GetAsync($"/events/{DemoEvent.Slug}/manage")).HtmlAsync();
        var card = dashboard.QuerySelector("article[data-card='social']")!;
        Assert.Equal((totals.People.ToString(), totals.Waiting.ToString(), totals.NoReply.ToString()),
            (card.GetAttribute("data-coming"), card.GetAttribute("data-waiting"), card.GetAttribute("data-no-reply")));
        Assert.Contains("1 social event:", card.TextContent);
    }
}
