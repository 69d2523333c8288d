using System.Text;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Schedule;

public sealed class ScheduleGridJourneyTests
{
    private const string Slug = "fossmy-2026";
    private const string Talk = "Securing your CI pipeline";

    [BrowserFact]
    public async Task An_organiser_drags_a_talk_onto_a_slot_sees_the_speaker_conflict_moves_it_away_and_releases_it_to_the_public_schedule()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var password = app.DemoPassword();

        // Aisyah (a demo organiser) opens the grid of the first day. Arjun gives this talk at 10:30 in Room Ubuntu,
        // then "Threat modelling in an afternoon" there at 11:15.
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("aisyah@demo.example.org", password);
        await page.GotoCheckedAsync($"/events/{Slug}/schedule/manage");
        var card = Card(page);
        var sessionId = await card.GetAttributeAsync("data-session-id");
        var fedora = await card.Locator($"#move-room-{sessionId} option", new() { HasText = "Room Fedora" }).GetAttributeAsync("value");
        var day = await card.Locator($"#move-day-{sessionId}").InputValueAsync();
        Assert.Empty(await Conflicts(page).AllInnerTextsAsync());

        // She drags it with the mouse onto Room Fedora at 11:15: a free room, but Arjun is busy then.
        var target = page.Locator($"[data-drop][data-room-id='{fedora}'][data-day='{day}'][data-start='11:15']");
        await DragAndWaitForReloadAsync(page, card.Locator(".sched-meta"), target);
        await page.AssertAccessibleAsync();
        await Assertions.Expect(page.Locator(".flash, [role=status]").Filter(new() { HasText = "Moved" }).First).ToContainTextAsync($"Moved \"{Talk}\"");
        await Assertions.Expect(Card(page)).ToContainTextAsync("Room Fedora");
        await Assertions.Expect(Conflicts(page)).ToContainTextAsync("Arjun Kumar also speaks in \"Threat modelling in an afternoon\" at the same time.");
        await Assertions.Expect(page.Locator("#summary-heading + p + ul")).ToContainTextAsync("Arjun Kumar also speaks in");

        // She resolves it with the plain form on the card: Room Fedora at 12:00, free while lunch is served in the Main Hall (the group Fedora Malaysia has the room from 14:00).
        card = Card(page);
        await card.Locator("summary", new() { HasText = "Move" }).ClickAsync();
        await card.GetByLabel("Start").FillAsync("12:00");
        await page.ClickAndCheckAsync(card.GetByRole(AriaRole.Button, new() { Name = "Move session" }));
        await Assertions.Expect(Card(page)).ToContainTextAsync("Room Fedora · 12:00");
        await Assertions.Expect(Conflicts(page)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Arjun Kumar also speaks in");

        // And releases the schedule, telling the people affected at once.
        var releaseLink = page.GetByRole(AriaRole.Link, new() { Name = "Release", Exact = false }).Filter(new() { HasText = "last: version" });
        // The demo's self-service parts (a booked BoF, a locked lightning line-up) publish automatic releases, so the
        // number this release gets is the last one plus one, whatever the demo holds.
        var last = int.Parse(System.Text.RegularExpressions.Regex.Match(await releaseLink.InnerTextAsync(), @"last: version (\d+)").Groups[1].Value);
        var version = $"Version {last + 1}";
        await page.ClickAndCheckAsync(releaseLink);
        await Assertions.Expect(page.Locator("#preview + ul")).ToContainTextAsync(Talk);
        await page.GetByLabel("At once").CheckAsync();
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Release schedule" }));
        await Assertions.Expect(page.Locator("#history + ul li").First).ToContainTextAsync(version);

        // Anyone now sees the talk at its new time and room on the public schedule, and not at the old one.
        var visitor = await browser.NewPersonAsync(app.BaseUrl);
        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule/{day}?view=list");
        var at12 = visitor.Locator("section").Filter(new() { Has = visitor.Locator("h3", new() { HasText = "12:00" }) });
        await Assertions.Expect(at12.Locator($"li[data-session-id='{sessionId}']")).ToContainTextAsync($"{Talk} — Room Fedora");
        var at1030 = visitor.Locator("section").Filter(new() { Has = visitor.Locator("h3", new() { HasText = "10:30" }) });
        await Assertions.Expect(at1030.Locator($"li[data-session-id='{sessionId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(visitor.Locator("p").Filter(new() { HasText = version }).First).ToBeVisibleAsync();

        // Arjun's mail carries his sessions as an iCalendar file, with the talk at 12:00 local time.
        var mail = await smtp.WaitForAsync("arjun@demo.example.org", "Schedule change");
        var ics = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>(), p => p.ContentType.MimeType == "text/calendar");
        using var bytes = new MemoryStream();
        ics.Content!.DecodeTo(bytes);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(bytes.ToArray()))!;
        var moved = calendar.Events.Single(x => x.Summary == Talk);
        Assert.Equal("12:00", moved.DtStart!.Value.ToString("HH:mm"));
        Assert.Equal("Room Fedora", moved.Location);
    }

    private static ILocator Card(IPage page) => page.Locator("article[data-session-id]").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Talk, Exact = true }) });

    private static ILocator Conflicts(IPage page) => page.Locator($"ul[aria-label='Conflicts of {Talk}'] li").Filter(new() { HasText = "also speaks in" });

    /// <summary>
    /// A real mouse drag, as Sortable's pointer (fallback) mode expects it: press on the card, move in small steps
    /// (the first moves start the drag, later ones find the drop target under the pointer), release over the cell.
    /// </summary>
    private static async Task DragAndWaitForReloadAsync(IPage page, ILocator from, ILocator to)
    {
        // The script reloads the grid once the move is saved; a mark on the old window tells the two pages apart.
        await page.EvaluateAsync("() => { window.dragMark = true; }");
        await DragAsync(page, from, to);
        try
        {
            await page.WaitForFunctionAsync("() => window.dragMark === undefined && document.readyState === 'complete'", null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"The drop did not reload the grid; the page said: '{await page.Locator("#move-status").InnerTextAsync()}'");
        }
    }

    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        await from.ScrollIntoViewIfNeededAsync();
        var a = await from.BoundingBoxAsync() ?? throw new InvalidOperationException("The card is not on screen.");
        await page.Mouse.MoveAsync(a.X + a.Width / 2, a.Y + a.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(a.X + a.Width / 2 + 5, a.Y + a.Height / 2 + 5, new() { Steps = 5 });
        await to.ScrollIntoViewIfNeededAsync();
        var b = await to.BoundingBoxAsync() ?? throw new InvalidOperationException("The cell is not on screen.");
        await page.Mouse.MoveAsync(b.X + b.Width / 2, b.Y + b.Height / 2, new() { Steps = 20 });
        await page.Mouse.MoveAsync(b.X + b.Width / 2 + 2, b.Y + b.Height / 2 + 2, new() { Steps = 3 });
        await page.Mouse.UpAsync();
    }
}
