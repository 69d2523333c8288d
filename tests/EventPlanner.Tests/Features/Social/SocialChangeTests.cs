using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Social;

/// <summary>Changing a social event from the page, and cancelling it: those coming or waiting are told, once each.</summary>
[Trait("Engine", "Both")] // passes on PostgreSQL too (issue 17 follow-up run)
public sealed class SocialChangeTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<List<string>> MailedAsync(string kind, string slug)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.QueryAsync<string>("""
            SELECT n.to_address FROM notifications n JOIN events e ON e.id = n.event_id WHERE n.kind = @kind AND e.slug = @slug ORDER BY n.to_address
            """, new { kind, slug })).ToList();
    }

    private static Dictionary<string, string> Form(string place = "Restoran Rebung, Bukit Damansara", string starts = "19:30", string capacity = "2",
        string title = "Speakers' dinner") => new()
    {
        ["Input.Title"] = title, ["Input.Place"] = place, ["Input.Description"] = "Thank you for speaking.", ["Input.Date"] = SocialKit.Date,
        ["Input.Starts"] = starts, ["Input.Ends"] = "22:30", ["Input.Capacity"] = capacity, ["Input.MaxGuests"] = "0",
    };

    [Fact]
    public async Task A_new_place_or_time_from_the_page_mails_those_coming_or_waiting_once_and_bad_input_saves_nothing()
    {
        var s = await SocialKit.CreateAsync(app, "soc-change", capacity: 2, maxGuests: 0);
        await s.InviteAsync("yes1@example.org", "yes2@example.org", "wait@example.org", "no@example.org", "quiet@example.org");
        var client = app.CreateClient();
        foreach (var who in new[] { "yes1", "yes2", "wait" })
            await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, $"{who}@example.org"), true));
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, "no@example.org"), false));
        var organiser = await app.SignInAsync($"org-{s.Slug}@example.org");
        var url = $"/events/{s.Slug}/social/{s.Id}/edit";
        Assert.Contains("value=\"Restoran Rebung, Bukit Damansara\"", await organiser.GetStringAsync(url));

        // Bad input: the API's messages on the page, nothing saved, nobody told.
        var refused = await organiser.PostFormAsync(url, Form(place: "", starts: "25:00", capacity: "1"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Place is required", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        var lower = await organiser.PostFormAsync(url, Form(capacity: "1"));
        Assert.Contains("2 people (guests included) are already coming", await lower.Content.ReadAsStringAsync());
        Assert.Equal(2, (await s.GuestsAsync()).Social.Capacity);

        // A new title alone tells nobody.
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(url, Form(title: "Speakers' dinner 2027"))).StatusCode);
        Assert.Empty(await MailedAsync("social-changed", s.Slug));

        // A new place: those coming and the one waiting, one mail each; the no and the silent are not told.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(url, Form(title: "Speakers' dinner 2027", place: "Bijan, Bukit Ceylon"))).StatusCode);
        Assert.Equal(["wait@example.org", "yes1@example.org", "yes2@example.org"], await MailedAsync("social-changed", s.Slug));
        Assert.Equal("Bijan, Bukit Ceylon", (await s.GuestsAsync()).Social.Place);

        // A new time and more room at once: the one seated hears it in their promotion mail only.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(url, Form(title: "Speakers' dinner 2027", place: "Bijan, Bukit Ceylon", starts: "20:00", capacity: "3"))).StatusCode);
        Assert.Equal(["wait@example.org", "yes1@example.org", "yes1@example.org", "yes2@example.org", "yes2@example.org"], await MailedAsync("social-changed", s.Slug));
        Assert.Equal(["wait@example.org"], await MailedAsync("social-promoted", s.Slug));

        // Another event's organiser cannot open it.
        var other = await SocialKit.CreateAsync(app, "soc-change-other");
        var stranger = await app.SignInAsync($"org-{other.Slug}@example.org");
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Cancelling_asks_first_with_the_counts_then_mails_those_coming_or_waiting_once_and_the_api_does_the_same()
    {
        var s = await SocialKit.CreateAsync(app, "soc-cancel", capacity: 1, maxGuests: 0);
        await s.InviteAsync("yes@example.org", "wait@example.org", "no@example.org", "quiet@example.org");
        var client = app.CreateClient();
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, "yes@example.org"), true));
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, "wait@example.org"), true));
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, "no@example.org"), false));
        var organiser = await app.SignInAsync($"org-{s.Slug}@example.org");
        var url = $"/events/{s.Slug}/social/{s.Id}/edit";

        var ask = await organiser.PostFormAsync($"{url}?handler=Delete", new(), url);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        var html = await ask.Content.ReadAsStringAsync();
        Assert.Contains("data-impact=\"coming\" data-count=\"1\"", html);
        Assert.Contains("data-impact=\"waiting\" data-count=\"1\"", html);
        Assert.Contains("data-impact=\"others\" data-count=\"2\"", html);
        Assert.Equal(HttpStatusCode.OK, (await s.Organiser.GetAsync(s.Api)).StatusCode); // asking deleted nothing
        Assert.Empty(await MailedAsync("social-cancelled", s.Slug));

        var stamp = System.Text.RegularExpressions.Regex.Match(html, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        var done = await organiser.PostFormAsync($"{url}?handler=Delete", new() { ["stamp"] = stamp }, url);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Organiser.GetAsync(s.Api)).StatusCode);
        Assert.Equal(["wait@example.org", "yes@example.org"], await MailedAsync("social-cancelled", s.Slug));

        // The API's DELETE tells the same people.
        var second = await SocialKit.Ok(await s.Organiser.PostAsJsonAsync($"/api/events/{s.Slug}/social", SocialKit.Body(title: "Pub night")));
        var pub = (await second.Content.ReadFromJsonAsync<EventPlanner.Web.Features.Social.SocialEventResponse>())!;
        var pubSetup = s with { Id = pub.Id };
        await pubSetup.InviteAsync("pub@example.org", "quiet@example.org");
        await SocialKit.Ok(await client.RsvpAsync(await pubSetup.TokenAsync(app, "pub@example.org"), true));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Organiser.DeleteAsync(pubSetup.Api)).StatusCode);
        Assert.Equal(["pub@example.org", "wait@example.org", "yes@example.org"], await MailedAsync("social-cancelled", s.Slug));
    }
}
