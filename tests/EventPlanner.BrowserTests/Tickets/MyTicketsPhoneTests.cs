using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Tickets;

/// <summary>Issue 14: at the venue door, on a phone, an attendee gets from the header to their ticket's QR code.</summary>
public sealed class MyTicketsPhoneTests
{
    [BrowserFact]
    public async Task On_a_390px_phone_an_attendee_opens_my_tickets_from_the_menu_and_reaches_the_QR_code_without_scrolling_sideways()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.SetViewportSizeAsync(PageFit.Phone, 844);
        await page.LogInAsync("farah@demo.example.org", app.DemoPassword());

        // The header's links are in the phone menu, which opens without script.
        var menu = page.Locator("header").GetByText("Menu", new() { Exact = false });
        await menu.ClickAsync();
        await page.ClickAndCheckAsync(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "My tickets" }));
        Assert.EndsWith("/my/tickets", page.Url);
        Assert.True(await page.WidthAtAsync(PageFit.Phone) <= PageFit.Phone, $"My tickets is {await page.WidthAtAsync(PageFit.Phone)} px wide at {PageFit.Phone} px");

        var open = page.GetByRole(AriaRole.Link, new() { Name = "Open ticket" }).First;
        await Assertions.Expect(open).ToBeVisibleAsync();
        var box = await open.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= PageFit.Phone, $"'Open ticket' lies at x={box?.X}, {box?.Width} px wide");

        await page.ClickAndCheckAsync(open);
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code of this ticket" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        var qrBox = await qr.BoundingBoxAsync();
        Assert.True(qrBox is not null && qrBox.X >= 0 && qrBox.X + qrBox.Width <= PageFit.Phone, $"The QR code lies at x={qrBox?.X}, {qrBox?.Width} px wide");
        Assert.True(await page.WidthAtAsync(PageFit.Phone) <= PageFit.Phone);
    }
}
