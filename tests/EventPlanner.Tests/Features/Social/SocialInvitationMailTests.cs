using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Social;

namespace EventPlanner.Tests.Features.Social;

/// <summary>Invitation mails through the real outbox and delivery: groups resolved, one mail each, links that work without login.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class SocialInvitationMailTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Confirmed_speakers_the_team_and_hand_picked_addresses_get_one_mail_each_with_a_working_link()
    {
        var s = await SocialKit.CreateAsync(app, "soc-mail");
        await ScheduleKit.ProposalAsync(app, s.Cfp, "confirmed-speaker@example.org", "Rust in the kernel", "confirmed");
        await ScheduleKit.ProposalAsync(app, s.Cfp, "accepted-speaker@example.org", "Not confirmed yet", "accepted");
        await app.UserAsync("reviewer-soc@example.org");
        await app.GrantAsync(s.Slug, "reviewer-soc@example.org", "reviewer");

        var response = await s.Organiser.PostAsJsonAsync($"{s.Api}/invitations",
            new { groups = new[] { "speakers", "team" }, emails = new[] { "Friend.Of.Event@Example.org", "reviewer-soc@example.org" } });
        var result = (await (await SocialKit.Ok(response)).Content.ReadFromJsonAsync<SocialInviteResponse>())!;
        // The confirmed speaker, the organiser, the reviewer (named twice) and the friend.
        Assert.Equal((4, 0, 4), (result.Invited, result.AlreadyInvited, result.Total));

        var mail = await app.Mail.WaitForAsync("Friend.Of.Event@Example.org", "You are invited: Speakers' dinner");
        Assert.Contains("Restoran Rebung", mail.TextBody);
        Assert.Contains("Thursday 4 March 2027, 19:30–22:30 (Asia/Kuala_Lumpur)", mail.TextBody);
        await app.Mail.WaitForAsync("confirmed-speaker@example.org", "You are invited");
        await app.Mail.WaitForAsync("reviewer-soc@example.org", "You are invited");
        Assert.DoesNotContain(app.Mail.Sent, m => m.ToAddress == "accepted-speaker@example.org" && m.Kind == "social-invitation");

        // The link works without login: the page, and the same token through the API.
        var link = RsvpLink().Match(mail.TextBody);
        Assert.True(link.Success, mail.TextBody);
        var anonymous = app.CreateBrowser();
        var page = await anonymous.GetAsync(new Uri(link.Value).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Speakers&#x27; dinner", await page.Content.ReadAsStringAsync());
        var answer = await (await app.CreateClient().RsvpAsync(link.Groups[1].Value, true, dietary: "Vegetarian")).ReadRsvpAsync();
        Assert.Equal(SocialStates.Attending, answer.State);

        // Inviting the same people again sends nothing new.
        var sent = app.Mail.Sent.Count(m => m.Kind == "social-invitation");
        var again = (await (await SocialKit.Ok(await s.Organiser.PostAsJsonAsync($"{s.Api}/invitations",
            new { groups = new[] { "speakers" }, emails = new[] { "friend.of.event@example.org" } }))).Content.ReadFromJsonAsync<SocialInviteResponse>())!;
        Assert.Equal((0, 2, 4), (again.Invited, again.AlreadyInvited, again.Total));
        await Task.Delay(1500);
        Assert.Equal(sent, app.Mail.Sent.Count(m => m.Kind == "social-invitation"));
    }

    [GeneratedRegex(@"http://localhost/invitations/social/([A-Za-z0-9_-]{40,})")]
    private static partial Regex RsvpLink();
}
