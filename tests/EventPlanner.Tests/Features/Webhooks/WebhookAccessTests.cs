using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Webhooks;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>With the default settings: only public https targets, and only the event's own organisers.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class WebhookAccessTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Theory]
    [InlineData("https://127.0.0.1/hooks", "127.0.0.1")]
    [InlineData("https://localhost:8443/hooks", "localhost")]
    [InlineData("https://10.1.2.3/hooks", "10.1.2.3")]
    [InlineData("https://192.168.0.10/hooks", "192.168.0.10")]
    [InlineData("https://169.254.169.254/latest/meta-data", "169.254.169.254")]
    [InlineData("https://[::1]/hooks", "[::1]")]
    [InlineData("https://[fd00::1]/hooks", "[fd00::1]")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks", "::ffff:")]
    [InlineData("https://[64:ff9b::7f00:1]/hooks", "[64:ff9b::7f00:1]")]
    [InlineData("https://[2002:c0a8:1::1]/hooks", "[2002:c0a8:1::1]")]
    [InlineData("https://2130706433/hooks", "127.0.0.1")] // 127.0.0.1 written as one number
    public async Task Loopback_and_private_targets_are_refused_by_default_with_a_message_on_the_url(string url, string host)
    {
        var ev = await app.EventAsync();

        var response = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/webhooks", new { url, eventTypes = new[] { "schedule.released" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Errors(await response.Content.ReadAsStringAsync())["url"];
        Assert.Contains(host, message);
        Assert.Contains("public addresses only", message);
    }

    [Theory]
    [InlineData("http://example.org/hooks", "https://")]
    [InlineData("ftp://example.org/hooks", "https://")]
    [InlineData("not a url", "https://")]
    [InlineData("https://user:pw@example.org/hooks", "user name")]
    [InlineData("", "required")]
    public async Task A_url_that_is_not_a_plain_https_address_is_refused(string url, string says)
    {
        var ev = await app.EventAsync();

        var response = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/webhooks", new { url, eventTypes = new[] { "schedule.released" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, Errors(await response.Content.ReadAsStringAsync())["url"]);
    }

    [Fact]
    public async Task Unknown_or_missing_event_types_and_control_characters_are_field_messages()
    {
        var ev = await app.EventAsync();
        var api = $"/api/events/{ev.Slug}/webhooks";

        var unknown = await ev.Organiser.PostAsJsonAsync(api, new { url = "https://hooks.example.org/x", eventTypes = new[] { "schedule.released", "everything" } });
        var none = await ev.Organiser.PostAsJsonAsync(api, new { url = "https://hooks.example.org/x", eventTypes = Array.Empty<string>() });
        var nul = await ev.Organiser.PostAsJsonAsync(api, new { url = "https://hooks.example.org/\u0000", eventTypes = new[] { "schedule.released" } });

        Assert.Contains("everything", Errors(await unknown.Content.ReadAsStringAsync())["eventTypes"]);
        // Near misses of the later types are unknown too, and the message names the real ones.
        var near = await ev.Organiser.PostAsJsonAsync(api, new { url = "https://hooks.example.org/x", eventTypes = new[] { "bof.booking", "ticket.checkedin" } });
        Assert.Equal(HttpStatusCode.BadRequest, near.StatusCode);
        var message = Errors(await near.Content.ReadAsStringAsync())["eventTypes"];
        Assert.Contains("bof.booking, ticket.checkedin", message);
        Assert.Contains("ticket.checked_in", message);
        Assert.Contains("lightning.lineup_locked", message);
        Assert.Contains("at least one", Errors(await none.Content.ReadAsStringAsync())["eventTypes"]);
        Assert.Contains("U+0000", Errors(await nul.Content.ReadAsStringAsync())["url"]);
    }

    [Fact]
    public async Task Only_the_events_organisers_see_and_change_its_webhooks_and_the_secret_is_shown_once()
    {
        var ev = await app.EventAsync();
        var other = await app.EventAsync();
        var attendee = await app.UserAsync();
        var api = $"/api/events/{ev.Slug}/webhooks";
        var created = await ev.Organiser.PostAsJsonAsync(api, new { url = "https://hooks.example.org/ep", eventTypes = new[] { "ticket.issued" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var endpoint = (await created.Content.ReadFromJsonAsync<WebhookEndpointResponse>())!;
        Assert.StartsWith("whsec_", endpoint.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await attendee.Api.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Organiser.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Organiser.PatchAsJsonAsync($"{api}/{endpoint.Id}", new { active = false })).StatusCode);
        // Under their own event's address, another event's endpoint id finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organiser.GetAsync($"/api/events/{other.Slug}/webhooks/{endpoint.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organiser.DeleteAsync($"/api/events/{other.Slug}/webhooks/{endpoint.Id}")).StatusCode);

        var listed = Assert.Single((await ev.Organiser.GetFromJsonAsync<List<WebhookEndpointResponse>>(api))!);
        Assert.Null(listed.Secret);
        var disabled = await ev.Organiser.PatchAsJsonAsync($"{api}/{endpoint.Id}", new { active = false });
        Assert.False((await disabled.Content.ReadFromJsonAsync<WebhookEndpointResponse>())!.Active);
        var rotated = await (await ev.Organiser.PatchAsJsonAsync($"{api}/{endpoint.Id}", new { rotateSecret = true })).Content.ReadFromJsonAsync<WebhookEndpointResponse>();
        Assert.NotEqual(endpoint.Secret, rotated!.Secret);
    }

    private static Dictionary<string, string> Errors(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => string.Join(" ", p.Value.EnumerateArray().Select(e => e.GetString())), StringComparer.OrdinalIgnoreCase);
    }
}
