using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Social;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Social;

/// <summary>Who sees what: needs are for organisers only; invitation-only and non-public social events stay out of sight.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SocialAccessTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Dietary_and_accessibility_needs_are_seen_by_organisers_and_the_invitee_only()
    {
        var s = await SocialKit.CreateAsync(app, "soc-needs", isPublic: true);
        var other = await SocialKit.CreateAsync(app, "soc-needs-other");
        var attendee = await app.UserAsync("soc-att");
        await s.InviteAsync("needs@example.org", attendee.Email);
        var token = await s.TokenAsync(app, "needs@example.org");
        await SocialKit.Ok(await app.CreateClient().RsvpAsync(token, true, dietary: "Coeliac, strictly", accessibility: "Wheelchair user"));
        await SocialKit.Ok(await app.CreateClient().RsvpAsync(await s.TokenAsync(app, attendee.Email), true));

        var organiserView = await s.Organiser.GetStringAsync($"{s.Api}/guests");
        Assert.Contains("Coeliac, strictly", organiserView);
        Assert.Contains("Wheelchair user", organiserView);
        Assert.Contains("Coeliac, strictly", await app.CreateClient().GetStringAsync($"/api/invitations/social/{token}"));

        var anonymous = app.CreateClient();
        foreach (var (who, client) in new[] { ("anonymous", anonymous), ("attendee", attendee.Api), ("another event's organiser", other.Organiser) })
        {
            foreach (var url in new[] { $"{s.Api}/guests", $"{s.Api}/guests.csv" })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{who} got {(int)response.StatusCode} on {url}");
            }
            foreach (var url in new[] { s.Api, $"/api/events/{s.Slug}/social" })
            {
                var text = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
                Assert.DoesNotContain("Coeliac", text);
                Assert.DoesNotContain("Wheelchair", text);
            }
        }
        // The attendee's own link shows their answer, never someone else's.
        var own = await attendee.Api.GetStringAsync($"/api/invitations/social/{await s.TokenAsync(app, attendee.Email)}");
        Assert.DoesNotContain("Coeliac", own);
    }

    [Fact]
    public async Task Organiser_operations_refuse_everyone_but_this_events_organisers_and_change_nothing()
    {
        var s = await SocialKit.CreateAsync(app, "soc-orgs");
        var other = await SocialKit.CreateAsync(app, "soc-orgs-other");
        var attendee = await app.UserAsync("soc-att");
        foreach (var client in new[] { app.CreateClient(), attendee.Api, other.Organiser })
        {
            Assert.False((await client.PostAsJsonAsync($"/api/events/{s.Slug}/social", SocialKit.Body())).IsSuccessStatusCode);
            Assert.False((await client.PutAsJsonAsync(s.Api, SocialKit.Body(capacity: 1))).IsSuccessStatusCode);
            Assert.False((await client.PostAsJsonAsync($"{s.Api}/invitations", new { emails = new[] { "x@example.org" } })).IsSuccessStatusCode);
            Assert.False((await client.DeleteAsync(s.Api)).IsSuccessStatusCode);
        }
        // Another event's organiser cannot reach this social event through their own event either.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organiser.GetAsync($"/api/events/{other.Slug}/social/{s.Id}/guests")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organiser.DeleteAsync($"/api/events/{other.Slug}/social/{s.Id}")).StatusCode);

        var list = await s.GuestsAsync();
        Assert.Equal(0, list.Totals.Invited);
        Assert.Equal(40, list.Social.Capacity);
        Assert.Single((await s.Organiser.GetFromJsonAsync<List<SocialEventResponse>>($"/api/events/{s.Slug}/social"))!);
    }

    [Fact]
    public async Task Invitation_only_social_events_are_hidden_from_strangers_and_open_ones_take_signed_in_answers()
    {
        var s = await SocialKit.CreateAsync(app, "soc-open");
        var open = await SocialKit.Ok(await s.Organiser.PostAsJsonAsync($"/api/events/{s.Slug}/social", SocialKit.Body(isOpen: true, title: "Pub night")));
        var pub = (await open.Content.ReadFromJsonAsync<SocialEventResponse>())!;
        var stranger = await app.UserAsync("soc-stranger");
        var invited = await app.UserAsync("soc-invited");
        await s.InviteAsync(invited.Email);

        Assert.Empty((await app.CreateClient().GetFromJsonAsync<List<SocialEventResponse>>($"/api/events/{s.Slug}/social"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(s.Api)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync(s.Api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await invited.Api.GetAsync(s.Api)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsJsonAsync($"{s.Api}/rsvp", new { attending = true })).StatusCode);

        // Signed in, as themselves: the invitee through their account, the stranger for the open pub night.
        var mine = await (await invited.Api.PostAsJsonAsync($"{s.Api}/rsvp", new { attending = true, dietary = "Vegan" })).ReadRsvpAsync();
        Assert.Equal(SocialStates.Attending, mine.State);
        var bad = await stranger.Api.PostAsJsonAsync($"/api/events/{s.Slug}/social/{pub.Id}/rsvp", new { attending = true, guests = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM social_invitations WHERE social_event_id = @Id", new { pub.Id }));
        }
        var joined = await (await stranger.Api.PostAsJsonAsync($"/api/events/{s.Slug}/social/{pub.Id}/rsvp", new { attending = true, guests = 1 })).ReadRsvpAsync();
        Assert.Equal((SocialStates.Attending, 1), (joined.State, joined.Guests));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/events/{s.Slug}/social/{pub.Id}/rsvp", new { attending = true })).StatusCode);
    }

    [Fact]
    public async Task Bad_social_events_and_invitations_are_refused_with_field_messages_and_nothing_is_saved()
    {
        var s = await SocialKit.CreateAsync(app, "soc-badin");
        var api = $"/api/events/{s.Slug}/social";
        var cases = new (object Body, string Field)[]
        {
            (new { title = "", place = "Pub", date = SocialKit.Date, starts = "19:00", ends = "22:00", capacity = 10 }, "title"),
            (new { title = "Dinner", place = "Pub\u0007", date = SocialKit.Date, starts = "19:00", ends = "22:00", capacity = 10 }, "place"),
            (new { title = "Dinner", place = "Pub", date = "2027-13-01", starts = "19:00", ends = "22:00", capacity = 10 }, "date"),
            (new { title = "Dinner", place = "Pub", date = "2026-01-01", starts = "19:00", ends = "22:00", capacity = 10 }, "date"),
            (new { title = "Dinner", place = "Pub", date = SocialKit.Date, starts = "7pm", ends = "22:00", capacity = 10 }, "starts"),
            (new { title = "Dinner", place = "Pub", date = SocialKit.Date, starts = "19:00", ends = "22:00", capacity = 0 }, "capacity"),
            (new { title = "Dinner", place = "Pub", date = SocialKit.Date, starts = "19:00", ends = "22:00", capacity = 10, maxGuests = 11 }, "maxGuests"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await s.Organiser.PostAsJsonAsync(api, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }
        foreach (var (body, field) in new (object, string)[]
        {
            (new { emails = new[] { "not-an-address" } }, "emails"),
            (new { emails = new[] { "ok@example.org", null } }, "emails[1]"),
            (new { groups = new[] { "everyone" } }, "groups"),
            (new { }, "groups"),
        })
        {
            var response = await s.Organiser.PostAsJsonAsync($"{s.Api}/invitations", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }
        // Lowering the capacity below those coming is refused; the social event is unchanged.
        await s.InviteAsync("p1@example.org", "p2@example.org");
        await SocialKit.Ok(await app.CreateClient().RsvpAsync(await s.TokenAsync(app, "p1@example.org"), true, guests: 1));
        var lower = await s.Organiser.PutAsJsonAsync(s.Api, SocialKit.Body(capacity: 1));
        Assert.Equal(HttpStatusCode.BadRequest, lower.StatusCode);
        Assert.Contains("\"capacity\"", await lower.Content.ReadAsStringAsync());

        var list = await s.GuestsAsync();
        Assert.Equal((40, 2), (list.Social.Capacity, list.Totals.Invited));
        Assert.Single((await s.Organiser.GetFromJsonAsync<List<SocialEventResponse>>(api))!);
    }
}
