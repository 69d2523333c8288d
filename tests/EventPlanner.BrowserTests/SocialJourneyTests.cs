using System.Text.RegularExpressions;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

public sealed partial class SocialJourneyTests
{
    private const string Slug = "fossmy-2026";
    private const string Invitee = "nurul.guest@example.org";
    private const string Need = "Vegan, no mushrooms";

    [BrowserFact]
    public async Task An_invitee_answers_the_dinner_invitation_from_the_mail_link_with_a_dietary_need_and_the_organiser_sees_it()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();

        // Aisyah invites one more person to the demo's speakers' dinner, from the event's manage page.
        var aisyah = await browser.NewPersonAsync(app.BaseUrl);
        await aisyah.LogInAsync("aisyah@demo.example.org", app.DemoPassword());
        await aisyah.GotoCheckedAsync($"/events/{Slug}/manage/details");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Link, new() { Name = "social events", Exact = true }));
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Link, new() { Name = "Speakers' dinner" }));
        await aisyah.GetByLabel("Further email addresses (one a line)").FillAsync(Invitee);
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }));
        await Assertions.Expect(aisyah.Locator("main [role=status]")).ToContainTextAsync("1 invitation sent");
        var guestsPage = aisyah.Url;

        // The invitee opens the link from the real mail, without an account, and says yes with a dietary need.
        var mail = await smtp.WaitForAsync(Invitee, "You are invited: Speakers' dinner");
        var link = RsvpLink().Match(mail.TextBody ?? "");
        Assert.True(link.Success, mail.TextBody);
        var nurul = await browser.NewPersonAsync(app.BaseUrl);
        await nurul.GotoCheckedAsync(new Uri(link.Value).PathAndQuery);
        await AssertFitsAsync(nurul);
        await nurul.GetByLabel("Yes, I am coming").CheckAsync();
        await nurul.GetByLabel("Dietary needs (yours and your guests')").FillAsync(Need);
        await nurul.ClickAndCheckAsync(nurul.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }));
        // The party of two waiting ahead does not fit the one seat left; a party of one does.
        await Assertions.Expect(nurul.Locator("#rsvp-state")).ToContainTextAsync("Coming");
        await Assertions.Expect(nurul.GetByLabel("Dietary needs (yours and your guests')")).ToHaveValueAsync(Need);

        // Aisyah sees the answer and the need in the list (and nobody else can: it is not on any public page).
        await aisyah.GotoCheckedAsync(guestsPage);
        await Assertions.Expect(aisyah.Locator("#total-people")).ToContainTextAsync("5 of 5");
        await Assertions.Expect(aisyah.Locator("section[aria-labelledby=dietary]")).ToContainTextAsync(Need);
        await Assertions.Expect(aisyah.Locator("section[aria-labelledby=guests] tr").Filter(new() { HasText = Invitee })).ToContainTextAsync("Coming");
        await AssertFitsAsync(aisyah, besidesNavigation: true);
    }

    [BrowserFact]
    public async Task The_organiser_moves_the_dinner_those_coming_are_mailed_the_new_time_and_cancelling_asks_first_then_mails_them()
    {
        const string coming = "farid.guest@example.org";
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();

        // One more guest says yes through their link, so someone we can read the mail of is coming.
        var aisyah = await browser.NewPersonAsync(app.BaseUrl);
        await aisyah.LogInAsync("aisyah@demo.example.org", app.DemoPassword());
        await aisyah.GotoCheckedAsync($"/events/{Slug}/social/manage");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Link, new() { Name = "Speakers' dinner" }));
        await aisyah.GetByLabel("Further email addresses (one a line)").FillAsync(coming);
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }));
        var invitation = await smtp.WaitForAsync(coming, "You are invited: Speakers' dinner");
        var farid = await browser.NewPersonAsync(app.BaseUrl);
        await farid.GotoCheckedAsync(new Uri(RsvpLink().Match(invitation.TextBody ?? "").Value).PathAndQuery);
        await farid.GetByLabel("Yes, I am coming").CheckAsync();
        await farid.ClickAndCheckAsync(farid.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }));
        await Assertions.Expect(farid.Locator("#rsvp-state")).ToContainTextAsync("Coming");

        // Aisyah moves it an hour later from the change page; the guest is mailed the new time.
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Change or cancel it" }) /* a link styled as a button */);
        var editPage = aisyah.Url;
        Assert.EndsWith("/edit", new Uri(editPage).AbsolutePath);
        await Assertions.Expect(aisyah.Locator("#place")).ToHaveValueAsync("Restoran Rebung, Bukit Damansara");
        await AssertFitsAsync(aisyah, besidesNavigation: true);
        await aisyah.Locator("#starts").FillAsync("20:30");
        await aisyah.Locator("#ends").FillAsync("23:30");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }));
        await Assertions.Expect(aisyah.Locator("main [role=status]")).ToContainTextAsync("everyone coming or waiting has been told");
        var changed = await smtp.WaitForAsync(coming, "Changed: Speakers' dinner");
        Assert.Contains("20:30–23:30", changed.TextBody);
        Assert.Contains("Restoran Rebung, Bukit Damansara", changed.TextBody);

        // Cancelling first says who will be told, from the database; only the second click cancels.
        await aisyah.GotoCheckedAsync(new Uri(editPage).PathAndQuery);
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Cancel this social event…" }));
        await Assertions.Expect(aisyah.Locator("#confirm-heading")).ToHaveTextAsync("Cancel \"Speakers' dinner\"?");
        var comingLine = aisyah.Locator("[data-impact=coming]");
        await Assertions.Expect(comingLine).ToContainTextAsync("coming; each is told by mail that it is cancelled");
        Assert.True(int.Parse(await comingLine.GetAttributeAsync("data-count") ?? "0") >= 1);
        await Assertions.Expect(aisyah.Locator("[data-schedule]")).ToContainTextAsync("the schedule does not change");
        await AssertFitsAsync(aisyah, besidesNavigation: true);
        Assert.DoesNotContain(smtp.Messages, m => (m.Subject ?? "").StartsWith("Cancelled:", StringComparison.Ordinal));
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Cancel it and tell them" }));
        await Assertions.Expect(aisyah.Locator("main [role=status]")).ToContainTextAsync("\"Speakers' dinner\" is cancelled");
        Assert.EndsWith($"/events/{Slug}/social/manage", new Uri(aisyah.Url).AbsolutePath);
        await Assertions.Expect(aisyah.GetByRole(AriaRole.Link, new() { Name = "Speakers' dinner" })).ToHaveCountAsync(0);
        var cancelled = await smtp.WaitForAsync(coming, "Cancelled: Speakers' dinner");
        Assert.Contains("is cancelled", cancelled.TextBody);
    }

    /// <summary>
    /// No sideways scrolling on a phone (390 px) or a laptop (1280 px); wide tables scroll in their own box. The shared
    /// navigation (the signed-in header and the organisers' manage nav, being restructured elsewhere) is left out for
    /// signed-in pages: it does not fit 390 px on any organiser page today.
    /// </summary>
    private static async Task AssertFitsAsync(IPage page, bool besidesNavigation = false)
    {
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 800);
            // What sticks out, outermost first, so a failure names the element to fix.
            var culprits = await page.EvaluateAsync<string[]>("""
                skipNav => [...document.querySelectorAll('body *')].filter(el => !(skipNav && el.closest('nav'))
                        && !(el.parentElement && el.parentElement.closest('.overflow-auto'))
                        && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                        && !(el.parentElement && el.parentElement.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                    .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''))
                """, besidesNavigation);
            Assert.True(culprits.Length == 0, $"{page.Url} is wider than a {width} px window: {string.Join(", ", culprits)}");
            if (!besidesNavigation)
            {
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than a {width} px window.");
            }
        }
    }

    [GeneratedRegex(@"https?://\S+/invitations/social/[A-Za-z0-9_-]+")]
    private static partial Regex RsvpLink();
}
