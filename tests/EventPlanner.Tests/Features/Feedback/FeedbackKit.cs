using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Feedback;

/// <summary>
/// An event in Brussels (6–7 February 2027) with two placed talks on day 1 (10:00 and 11:00 local, 09:00 and 10:00
/// UTC), each with its own speaker, released, and a ticket type. Feedback closes at 2027-02-15 00:00 Brussels (2027-02-14T23:00Z).
/// </summary>
public sealed record FeedbackSetup(ScheduleEvent Event, long EventId, long Talk, long OtherTalk, string SpeakerEmail, string OtherSpeakerEmail, long TypeId)
{
    public string Slug => Event.Slug;
    public HttpClient Organiser => Event.Organiser;
    public string Api => $"/api/events/{Slug}/feedback";
}

internal static class FeedbackKit
{
    public static readonly DateTimeOffset TalkStarts = DateTimeOffset.Parse("2027-02-06T09:00:00Z");
    public static readonly DateTimeOffset Closes = DateTimeOffset.Parse("2027-02-14T23:00:00Z");

    public static async Task<FeedbackSetup> CreateAsync(EventPlannerApp app, string slug)
    {
        var e = await ScheduleKit.CreateAsync(app, slug);
        var speaker = $"speaker-{slug}@example.org";
        var other = $"other-{slug}@example.org";
        await app.CreateUserAsync(speaker, "Ada Speaker");
        await app.CreateUserAsync(other, "Linus Other");
        var talk = await e.PlaceAsync(await e.SessionAsync("Packaging Rust for Debian", trackId: e.Kernel, speakers: [speaker]), e.Janson, "10:00");
        var second = await e.PlaceAsync(await e.SessionAsync("Web components without a framework", trackId: e.Web, speakers: [other]), e.Janson, "11:00");
        // Only the published schedule can be rated.
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var eventId = (await app.Services.GetRequiredService<EventStore>().FindAsync(slug))!.Id;
        var typeId = await new TestEvent(slug, eventId, e.Organiser, $"org-{slug}@example.org").TypeAsync("Community");
        return new FeedbackSetup(e, eventId, talk.Id, second.Id, speaker, other, typeId);
    }

    /// <summary>A ticket holder, checked in at the door unless <paramref name="checkedIn"/> is false.</summary>
    public static async Task<TestUser> AttendeeAsync(this FeedbackSetup s, EventPlannerApp app, bool checkedIn = true)
    {
        var user = await app.UserAsync("fb");
        var ticket = await user.TicketAsync(s.Slug, s.TypeId);
        if (checkedIn) Assert.True((await s.Organiser.CheckInAsync(s.Slug, ticket.Secret)).IsSuccessStatusCode);
        return user;
    }

    public static Task<HttpResponseMessage> RateAsync(this HttpClient client, FeedbackSetup s, long sessionId, int? rating, string? comment = "") =>
        client.PutAsJsonAsync($"{s.Api}/sessions/{sessionId}", new { rating, comment });
}
