using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Tests.Features.Social;

/// <summary>A social event someone is coming to shows in their agenda and their private calendar feed; nowhere public.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SocialAgendaTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_dinner_is_in_the_invitees_agenda_and_calendar_feed_while_they_are_coming_and_not_in_the_public_schedule()
    {
        var s = await SocialKit.CreateAsync(app, "soc-agenda", maxGuests: 1);
        var email = await app.UserAsync("diner-agenda@example.org");
        await s.InviteAsync(email);
        var diner = await app.SignInAsync(email);

        // Invited, no reply yet: on the agenda page with the way to answer; not yet in the calendar.
        var agenda = await (await diner.GetAsync("/my/agenda")).HtmlAsync();
        var item = agenda.QuerySelector($"[data-social-id='{s.Id}']")!;
        Assert.Contains("No reply yet", item.TextContent);
        Assert.Equal($"/invitations/social/{await s.TokenAsync(app, email)}", item.QuerySelector("a")!.GetAttribute("href"));
        await diner.PostFormAsync("/my/agenda?handler=Feed", new(), getUrl: "/my/agenda");
        var feed = new Uri((await (await diner.GetAsync("/my/agenda")).HtmlAsync()).QuerySelector(".token-secret a")!.GetAttribute("href")!).PathAndQuery;
        Assert.Empty(Ical.Net.Calendar.Load(await app.CreateClient().GetStringAsync(feed))!.Events);

        await SocialKit.Ok(await app.CreateClient().RsvpAsync(await s.TokenAsync(app, email), true, guests: 1));
        var dinner = Assert.Single(Ical.Net.Calendar.Load(await app.CreateClient().GetStringAsync(feed))!.Events);
        Assert.Equal("Speakers' dinner", dinner.Summary);
        Assert.Equal("Restoran Rebung, Bukit Damansara", dinner.Location);
        Assert.Equal(new DateTime(2027, 3, 4, 19, 30, 0), dinner.DtStart!.Value);
        Assert.Equal("Asia/Kuala_Lumpur", dinner.DtStart.TzId);
        Assert.Contains("you and 1 guest", dinner.Description);
        Assert.DoesNotContain("/invitations/", await app.CreateClient().GetStringAsync(feed)); // the feed cannot change the answer

        await SocialKit.Ok(await app.CreateClient().RsvpAsync(await s.TokenAsync(app, email), false));
        Assert.Empty(Ical.Net.Calendar.Load(await app.CreateClient().GetStringAsync(feed))!.Events);

        // Not public: not in the event's list for strangers.
        var anonymous = app.CreateClient();
        Assert.DoesNotContain("Speakers", await anonymous.GetStringAsync($"/api/events/{s.Slug}/social"));
    }

    [Fact]
    public async Task A_public_social_event_is_on_the_event_page_at_once_and_a_private_one_never()
    {
        var s = await SocialKit.CreateAsync(app, "soc-public");
        var anonymous = app.CreateClient();
        var before = await anonymous.GetStringAsync($"/events/{s.Slug}"); // now cached for this data version
        Assert.DoesNotContain("Speakers&#x27; dinner", before);

        await SocialKit.Ok(await s.Organiser.PostAsJsonAsync($"/api/events/{s.Slug}/social", SocialKit.Body(isOpen: true, isPublic: true, title: "Pub night")));
        var after = await anonymous.GetStringAsync($"/events/{s.Slug}");
        Assert.Contains("Pub night", after);
        Assert.DoesNotContain("Speakers&#x27; dinner", after);
    }
}
