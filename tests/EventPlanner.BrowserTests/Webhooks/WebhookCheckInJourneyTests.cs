using EventPlanner.BrowserTests.Infrastructure;
using EventPlanner.TestSupport;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Webhooks;

/// <summary>
/// Issue 21, the later types: an organiser subscribes an endpoint to check-ins only, checks an attendee in at the desk,
/// and the receiver hears of it without the attendee's name; the log shows the delivery.
/// </summary>
public sealed class WebhookCheckInJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task An_organiser_subscribes_to_check_ins_checks_an_attendee_in_and_sees_the_delivery_without_their_name()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["EventPlanner__Webhooks__AllowHttp"] = "true",
            ["EventPlanner__Webhooks__AllowPrivateTargets"] = "true",
        }, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("aisyah@demo.example.org", app.DemoPassword());

        // The form offers the new types beside the old ones; this endpoint wants check-ins only.
        await page.GotoCheckedAsync($"/events/{Slug}/webhooks");
        await page.GetByLabel("URL (https, a public address)").FillAsync(receiver.Url("/door-counter"));
        await page.GetByLabel("Description (optional)").FillAsync("Door counter on the venue screen");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "schedule.released" }).UncheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "ticket.checked_in" }).CheckAsync();
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }));
        await Assertions.Expect(page.GetByTestId("webhook-secret")).ToContainTextAsync("whsec_");

        // At the desk: Farah's phone is dead, so she is found by name and checked in.
        await page.GotoCheckedAsync($"/events/{Slug}/check-in");
        await page.GetByLabel("Name, badge name or full email").FillAsync("farah");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }));
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Check in Farah Aziz (Community)" }));
        await Assertions.Expect(page.Locator("main [role=alert]").First).ToContainTextAsync("Checked in.");

        await receiver.WaitUntilAsync(all => all.Any(r => r.EventType == "ticket.checked_in"), "the check-in reached the receiver");
        var delivery = receiver.All.Single(r => r.EventType == "ticket.checked_in");
        Assert.Contains("\"name\":\"Community", delivery.Body); // the ticket type
        Assert.DoesNotContain("Farah", delivery.Body);
        Assert.DoesNotContain("@demo.example.org", delivery.Body);
        Assert.DoesNotContain(receiver.All, r => r.EventType != "ticket.checked_in"); // subscribed to check-ins only

        // The organisers' log lists it, delivered.
        await page.GotoCheckedAsync($"/events/{Slug}/webhooks");
        var row = page.Locator("section[aria-labelledby='log'] tbody tr").Filter(new() { HasText = "ticket.checked_in" }).Filter(new() { HasText = "door-counter" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await WebhookJourneyTests.FitsAsync(page);
        await page.ClickAndCheckAsync(row.GetByRole(AriaRole.Link));
        await Assertions.Expect(page.GetByTestId("delivery-state")).ToHaveTextAsync("delivered");
        await WebhookJourneyTests.FitsAsync(page);
    }
}
