using System.Net;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>The BoF pages call the same stores as the API: propose, interest, book (or be told why not), and the organisers' set-up.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofPagesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<HttpClient> PersonAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.org";
        await app.CreateUserAsync(email, name);
        return await app.SignInAsync(email);
    }

    [Fact]
    public async Task An_attendee_proposes_others_join_and_the_proposer_books_from_the_page()
    {
        var e = await BofKit.CreateAsync(app, "bof-pages", threshold: 2);
        var page = $"/events/{e.Slug}/bofs";
        var amir = await PersonAsync("Amir");

        var proposed = await amir.PostFormAsync($"{page}?handler=Propose", new() { ["Input.Title"] = "Home Assistant and open hardware", ["Input.Description"] = "Bring your sensors." });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var html = await (await amir.GetAsync(page)).HtmlAsync();
        var article = html.QuerySelector("article.bof")!;
        var id = article.GetAttribute("data-bof-id");
        Assert.Equal("gathering", article.GetAttribute("data-state"));
        Assert.Contains("You can book a slot once 2 people are interested", article.TextContent);
        Assert.Null(article.QuerySelector("select")); // not bookable yet

        foreach (var name in new[] { "Farah", "Kenji" })
        {
            var fan = await PersonAsync(name);
            Assert.Equal(HttpStatusCode.Redirect, (await fan.PostFormAsync($"{page}?bofId={id}&handler=Interest", new(), page)).StatusCode);
            Assert.Contains("Withdraw my interest", (await (await fan.GetAsync(page)).HtmlAsync()).QuerySelector("article.bof")!.TextContent);
        }

        html = await (await amir.GetAsync(page)).HtmlAsync();
        var options = html.QuerySelectorAll($"#slot-{id} option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal([e.Lunch.ToString(), e.Evening.ToString()], options);
        Assert.Equal(HttpStatusCode.Redirect, (await amir.PostFormAsync($"{page}?bofId={id}&handler=Book", new() { ["slotId"] = e.Lunch.ToString() }, page)).StatusCode);
        html = await (await amir.GetAsync(page)).HtmlAsync();
        Assert.Equal("booked", html.QuerySelector("article.bof")!.GetAttribute("data-state"));
        Assert.Contains("12:30–13:15, K.1.105", html.QuerySelector(".bof-booking")!.TextContent);

        // Someone else's BoF that was ready is refused the taken slot, with what is still free.
        var other = await PersonAsync("Other");
        await other.PostFormAsync($"{page}?handler=Propose", new() { ["Input.Title"] = "Lunch-time Emacs BoF" });
        await e.Organiser.PutAsync($"{e.Api}/settings", System.Net.Http.Json.JsonContent.Create(new { interestThreshold = 0, roomIds = new[] { e.S.Small, e.S.Medium } }));
        var otherId = (await (await other.GetAsync(page)).HtmlAsync()).QuerySelectorAll("article.bof").Single(a => a.TextContent.Contains("Emacs")).GetAttribute("data-bof-id");
        var refused = await other.PostFormAsync($"{page}?bofId={otherId}&handler=Book", new() { ["slotId"] = e.Lunch.ToString() }, page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var alert = (await refused.HtmlAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("booked that slot first", alert);
        Assert.Contains("Still free: Sat 6 Feb, 19:00–20:00, H.2215", alert);
    }

    [Fact]
    public async Task A_bof_description_renders_markdown_like_every_other_description_and_scripts_do_not_survive()
    {
        var e = await BofKit.CreateAsync(app, "bof-markdown", threshold: 2);
        var page = $"/events/{e.Slug}/bofs";
        var lina = await PersonAsync("Lina");

        await lina.PostFormAsync($"{page}?handler=Propose", new()
        {
            ["Input.Title"] = "Rust in the kernel", ["Input.Description"] = "Bring **patches** and [notes](https://example.org/rfl).\n\n<script>alert(1)</script>",
        });

        var description = (await (await lina.GetAsync(page)).HtmlAsync()).QuerySelector("article.bof .bof-description")!;
        Assert.Equal("patches", description.QuerySelector("strong")!.TextContent);
        Assert.Equal("https://example.org/rfl", description.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(description.QuerySelector("script"));
    }

    [Fact]
    public async Task The_set_up_page_is_for_this_events_organisers_and_adds_slots()
    {
        var e = await BofKit.CreateAsync(app, "bof-manage-page");
        var organiserEmail = $"org2-{Guid.NewGuid():N}@example.org";
        await app.CreateUserAsync(organiserEmail, "Second Organiser");
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(e.Organiser, $"/api/events/{e.Slug}/team", new { email = organiserEmail, role = "organiser" });
        var organiser = await app.SignInAsync(organiserEmail);
        var manage = $"/events/{e.Slug}/bofs/manage";

        var html = await (await organiser.GetAsync(manage)).HtmlAsync();
        Assert.Equal(2, html.QuerySelectorAll("input[name=RoomIds][checked]").Length);
        var added = await organiser.PostFormAsync($"{manage}?handler=AddSlot", new()
        {
            ["Slot.RoomId"] = e.S.Medium.ToString(), ["Slot.Day"] = ScheduleKit.Day2, ["Slot.Starts"] = "12:30", ["Slot.Ends"] = "13:15",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(3, (await (await organiser.GetAsync(manage)).HtmlAsync()).QuerySelectorAll("tbody tr").Length);
        var outside = await organiser.PostFormAsync($"{manage}?handler=AddSlot", new()
        {
            ["Slot.RoomId"] = e.S.Small.ToString(), ["Slot.Day"] = ScheduleKit.Day2, ["Slot.Starts"] = "19:00", ["Slot.Ends"] = "20:00",
        });
        Assert.Contains("open 09:00–18:00", (await outside.HtmlAsync()).QuerySelector("[role=alert]")!.TextContent);

        var attendee = await PersonAsync("Attendee");
        var denied = await attendee.GetAsync(manage);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}
