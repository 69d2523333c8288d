using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using static EventPlanner.Tests.Infrastructure.HostileInput;

namespace EventPlanner.Tests.Features.Social;

/// <summary>
/// Every social-event operation called as a hostile client (API and forms): each bad field, each body that is no object, ids and
/// tokens that do not exist or belong to another event. Each answers 4xx and the social tables stay exactly as they were.
/// </summary>
[Trait("Engine", "Both")]
public sealed class SocialHostileInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static readonly string[] Tables = ["social_events", "social_invitations"];

    private static readonly Dictionary<string, string> ValidEvent = new()
    {
        ["title"] = "\"Pub night\"", ["description"] = "\"After the talks.\"", ["place"] = "\"The Hop\"", ["date"] = $"\"{SocialKit.Date}\"",
        ["starts"] = "\"19:00\"", ["ends"] = "\"23:00\"", ["capacity"] = "30", ["maxGuests"] = "1", ["isOpen"] = "false", ["isPublic"] = "false",
    };

    private static readonly Dictionary<string, string[]> BadEvent = new()
    {
        ["title"] = NotRequiredText, ["place"] = NotRequiredText, ["description"] = NotText,
        ["date"] = [.. NotRequiredText, "\"2027-02-30\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2026-01-01\"", "\"2027-03-04T19:00\"", "\"04/03/2027\""],
        ["starts"] = [.. NotRequiredText, "\"24:00\"", "\"19:60\"", "\"-01:00\"", "\"7pm\""],
        ["ends"] = [.. NotRequiredText, "\"25:00\""], // an end at or before the start is the next day, by design
        ["capacity"] = NotInt("0", "-1", "100001", "null"), ["maxGuests"] = NotInt("-1", "11"),
        ["isOpen"] = NotBool, ["isPublic"] = NotBool,
    };

    private static readonly Dictionary<string, string> ValidRsvp = new()
    {
        ["attending"] = "true", ["guests"] = "0", ["dietary"] = "\"\"", ["accessibility"] = "\"\"",
    };

    private static readonly Dictionary<string, string[]> BadRsvp = new()
    {
        ["attending"] = [.. NotBool, "null"], ["guests"] = NotInt("-1", "3"), ["dietary"] = NotText, ["accessibility"] = NotText,
    };

    [Fact]
    public async Task Every_api_operation_refuses_each_bad_field_and_body_with_4xx_and_saves_nothing()
    {
        var s = await SocialKit.CreateAsync(app, "soc-hostile", capacity: 40, maxGuests: 2);
        var open = await SocialKit.CreateAsync(app, "soc-hostile-open", isOpen: true, isPublic: true);
        var other = await SocialKit.CreateAsync(app, "soc-hostile-other");
        await s.InviteAsync("guest@example.org");
        var token = await s.TokenAsync(app, "guest@example.org");
        var before = await app.SnapshotAsync(Tables);

        var api = $"/api/events/{s.Slug}/social";
        await s.Organiser.AssertRefusedAsync(HttpMethod.Post, api, Bodies(ValidEvent, BadEvent));
        await s.Organiser.AssertRefusedAsync(HttpMethod.Put, s.Api, Bodies(ValidEvent, BadEvent));
        await s.Organiser.AssertRefusedAsync(HttpMethod.Post, $"{s.Api}/invitations", Bodies(
            new Dictionary<string, string> { ["groups"] = "[\"team\"]", ["emails"] = "[\"a@example.org\"]" },
            new Dictionary<string, string[]>
            {
                ["groups"] = [.. NotList("\"team\""), "[\"everyone\"]", "[\"team\\u0000\"]"],
                ["emails"] = [.. NotList("\"a@example.org\""), "[\"not-an-address\"]", "[\"a@example.org\\u0000\"]", $"[{Quote(Huge + "@example.org")}]"],
            }));
        var anonymous = app.CreateClient();
        await anonymous.AssertRefusedAsync(HttpMethod.Put, $"/api/invitations/social/{token}", Bodies(ValidRsvp, BadRsvp));
        var stranger = await app.CreateApiClientAsync("soc-hostile-stranger@example.org");
        await stranger.AssertRefusedAsync(HttpMethod.Post, $"/api/events/{open.Slug}/social/{open.Id}/rsvp", Bodies(ValidRsvp, BadRsvp));

        // Ids and tokens that are not this event's: 404 for each operation, whatever the body.
        var body = JsonOf(ValidEvent);
        foreach (var id in new[] { "0", "-1", long.MaxValue.ToString(), other.Id.ToString(), "99999999999999999999", "1e3", "abc" })
        {
            await s.Organiser.AssertRefusedAsync(HttpMethod.Put, $"{api}/{id}", [("id " + id, body)], HttpStatusCode.NotFound);
            await s.Organiser.AssertRefusedAsync(HttpMethod.Delete, $"{api}/{id}", [("id " + id, "")], HttpStatusCode.NotFound);
            await s.Organiser.AssertRefusedAsync(HttpMethod.Post, $"{api}/{id}/invitations", [("id " + id, "{\"groups\":[\"team\"]}")], HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Organiser.GetAsync($"{api}/{id}/guests")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Organiser.GetAsync($"{api}/{id}/guests.csv")).StatusCode);
            await stranger.AssertRefusedAsync(HttpMethod.Post, $"{api}/{id}/rsvp", [("id " + id, JsonOf(ValidRsvp))], HttpStatusCode.NotFound);
        }
        foreach (var bad in new[] { "x", token[..^1], token + "A", Uri.EscapeDataString("../" + token), new string('A', 2000) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/invitations/social/{bad}")).StatusCode);
            await anonymous.AssertRefusedAsync(HttpMethod.Put, $"/api/invitations/social/{bad}", [("token " + bad[..Math.Min(10, bad.Length)], JsonOf(ValidRsvp))],
                HttpStatusCode.NotFound);
        }

        Assert.Equal(before, await app.SnapshotAsync(Tables));
        // The same operations with good input work: the refusals above were the input's, not a wrong address.
        await SocialKit.Ok(await s.Organiser.SendJsonAsync(HttpMethod.Put, s.Api, JsonOf(ValidEvent)));
        await SocialKit.Ok(await anonymous.SendJsonAsync(HttpMethod.Put, $"/api/invitations/social/{token}", JsonOf(ValidRsvp)));
        await SocialKit.Ok(await stranger.SendJsonAsync(HttpMethod.Post, $"/api/events/{open.Slug}/social/{open.Id}/rsvp", JsonOf(ValidRsvp)));
    }

    [Fact]
    public async Task Every_form_refuses_bad_fields_with_messages_on_the_page_and_saves_nothing()
    {
        var s = await SocialKit.CreateAsync(app, "soc-hostile-forms");
        await s.InviteAsync("guest-forms@example.org");
        var token = await s.TokenAsync(app, "guest-forms@example.org");
        var organiser = await app.SignInAsync($"org-{s.Slug}@example.org");
        var before = await app.SnapshotAsync(Tables);

        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "Pub night", ["Input.Place"] = "The Hop", ["Input.Description"] = "", ["Input.Date"] = SocialKit.Date,
            ["Input.Starts"] = "19:00", ["Input.Ends"] = "23:00", ["Input.Capacity"] = "30", ["Input.MaxGuests"] = "1",
        };
        var badEvent = new (string Field, string Value)[]
        {
            ("Input.Title", ""), ("Input.Title", "a\u0000b"), ("Input.Title", Huge), ("Input.Place", "bell\u0007"), ("Input.Description", "\u001b[2J"),
            ("Input.Date", "2027-02-30"), ("Input.Date", "9999-12-31"), ("Input.Date", "2026-01-01"), ("Input.Starts", "25:00"), ("Input.Ends", "x"),
            ("Input.Capacity", "0"), ("Input.Capacity", "abc"), ("Input.Capacity", "99999999999"), ("Input.MaxGuests", "-1"), ("Input.IsOpen", "maybe"),
        };
        foreach (var url in new[] { $"/events/{s.Slug}/social/manage", $"/events/{s.Slug}/social/{s.Id}/edit" })
        {
            foreach (var (field, value) in badEvent)
                await AssertFormRefusedAsync(organiser, url, new(form) { [field] = value }, $"{url} {field}");
        }
        var invite = $"/events/{s.Slug}/social/{s.Id}/manage?handler=Invite";
        foreach (var (field, value) in new[] { ("Emails", "not-an-address"), ("Emails", "a@example.org\u0000"), ("Emails", Huge), ("Groups", "everyone") })
            await AssertFormRefusedAsync(organiser, invite, new() { [field] = value }, $"invite {field}", $"/events/{s.Slug}/social/{s.Id}/manage");
        var rsvp = $"/invitations/social/{token}";
        var anonymous = app.CreateBrowser();
        foreach (var (field, value) in new[] { ("Input.Attending", "maybe"), ("Input.Guests", "-1"), ("Input.Guests", "3"), ("Input.Guests", "x"),
            ("Input.Dietary", "nuts\u0000"), ("Input.Dietary", Huge), ("Input.Accessibility", "\u0007") })
        {
            await AssertFormRefusedAsync(anonymous, rsvp, new() { ["Input.Attending"] = "yes", ["Input.Guests"] = "0", [field] = value }, $"rsvp {field}");
        }
        Assert.Equal(before, await app.SnapshotAsync(Tables));
    }

    /// <summary>A refused form is the page again (200, or 400 for a form the binder could not read) with a message, never a 5xx or a redirect.</summary>
    internal static async Task AssertFormRefusedAsync(HttpClient browser, string url, Dictionary<string, string> fields, string what, string? getUrl = null)
    {
        var response = await browser.PostFormAsync(url, fields, getUrl);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.OK) Assert.True(html.Contains("class=\"form-errors\""), $"{what}: no message shown");
    }
}
