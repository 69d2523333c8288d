using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Lightning;

namespace EventPlanner.Tests.Features.Lightning;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningPageTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task An_attendee_signs_up_on_the_page_sees_their_place_and_withdraws()
    {
        var l = await LightningKit.CreateAsync(app, "lt-page", minutes: 5, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var first = await app.PersonAsync("lt-page-first@example.org");
        await first.SignedUpAsync(l);
        await app.CreateUserAsync("lt-page-attendee@example.org", "Page Person");
        var browser = await app.SignInAsync("lt-page-attendee@example.org");
        var url = $"/events/{l.Slug}/lightning/{l.SessionId}";

        var posted = await browser.PostFormAsync($"{url}?handler=SignUp", new() { ["Input.Title"] = "Dotfiles in five", ["Input.Description"] = "Why and how." }, url);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await (await browser.GetAsync(url)).HtmlAsync();
        Assert.Contains("On the waitlist: position 1", page.QuerySelector(".your-talk .standing")!.TextContent);

        var invalid = await browser.PostFormAsync($"{url}?handler=SignUp", new() { ["Input.Title"] = "Another idea" }, url);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode); // already queued: refused with the reason
        Assert.Contains("one talk per person", await invalid.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await browser.ConfirmAsync($"{url}?handler=Withdraw", new(), url)).StatusCode);
        Assert.Contains("Withdrawn", (await (await browser.GetAsync(url)).HtmlAsync()).QuerySelector(".your-talk .standing")!.TextContent);
    }

    [Fact]
    public async Task The_run_sheet_opens_for_organisers_and_the_link_holder_only_and_starts_a_talks_countdown()
    {
        var l = await LightningKit.CreateAsync(app, "lt-sheet", minutes: 10, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var speaker = await app.PersonAsync("lt-sheet-speaker@example.org", "Sam Speaker");
        var talk = await speaker.SignedUpAsync(l, "Rust in five");
        var link = (await l.LineupAsync()).RunSheetLink;
        var sheetUrl = $"/events/{l.Slug}/lightning/{l.SessionId}/run-sheet";

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(sheetUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(sheetUrl + "?key=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await speaker.Api.GetAsync($"{l.Api}/run-sheet")).StatusCode);

        var mc = app.CreateBrowser();
        var html = await (await mc.GetAsync(link)).HtmlAsync();
        Assert.Equal("5:00", html.QuerySelector(".countdown")!.TextContent);
        Assert.Contains("Rust in five", html.QuerySelector(".next .title")!.TextContent);

        var key = link[(link.IndexOf("key=") + 4)..];
        var started = await mc.PostFormAsync($"{sheetUrl}?handler=Start&key={key}", new() { ["talkId"] = talk.Id.ToString() }, link);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(275));
        var fragment = await (await mc.GetAsync($"{sheetUrl}?handler=Fragment&key={key}")).HtmlAsync();
        Assert.Equal("0:25", fragment.QuerySelector(".countdown")!.TextContent);
        Assert.Contains("last-seconds", fragment.QuerySelector(".countdown")!.ClassName);
        Assert.Contains("Rust in five", fragment.QuerySelector(".now .title")!.TextContent);

        var version = await mc.GetFromJsonAsync<LineupVersion>($"{l.Api}/run-sheet/version?key={key}");
        var called = await l.Organiser.PostAsJsonAsync($"{l.Api}/run-sheet/call", new { talkId = talk.Id });
        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        Assert.True((await mc.GetFromJsonAsync<LineupVersion>($"{l.Api}/run-sheet/version?key={key}"))!.Version > version!.Version);
        await app.Mail.WaitForAsync("lt-sheet-speaker@example.org", "You are next");
    }
}
