using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Reviews;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Social;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Privacy;

/// <summary>
/// A person with one of each kind of record, made through the API as they would be made in use: a speaker profile,
/// an accepted proposal and one never accepted, a review of someone else's proposal, a scheduled and released talk
/// they starred, two tickets (one passed on to someone else), a social event RSVP, and the mail all that sends.
/// </summary>
public sealed record Everything(long UserId, string Email, string Name, string FullName, HttpClient Api, string CfpSlug, long AcceptedId, long SpamId,
    string ScheduleSlug, long SessionId, string TicketSlug, long TicketTypeId, long KeptTicketId, string OtherEmail, string SocialSlug);

internal static class PrivacyKit
{
    public static async Task<Everything> EverythingAsync(EventPlannerAppWithJobs app, string tag)
    {
        var email = $"quill.{tag}@example.org";
        var name = $"Quillon {Cap(tag)}son";
        var fullName = $"Quillon M. {Cap(tag)}son";
        var user = await app.CreateUserAsync(email, name);
        var api = await app.CreateApiClientAsync(email);
        (await api.PutAsJsonAsync("/api/me/speaker-profile", new
        {
            fullName, bio = $"{fullName} maps rivers.", affiliation = "OSM Malaysia", links = new[] { $"https://example.org/{tag}" },
        })).EnsureSuccessStatusCode();

        // Call for papers and review: an accepted talk, a proposal never accepted, and a review of someone else's.
        var review = await ReviewKit.CreateAsync(app, $"cfp-{tag}");
        var accepted = await ReviewKit.SubmitAsync(review, api, "Mapping rivers with OpenStreetMap");
        var spam = await ReviewKit.SubmitAsync(review, api, "Buy my coin");
        await DemoProposalStates.SetAsync(app.Services.GetRequiredService<Db>(), accepted.Id, ProposalStates.Accepted, ProposalStates.Accepted);
        var (_, _, other) = await ReviewKit.SpeakerWithProposalAsync(app, review, $"other-{tag}@example.org", "Packaging Go for Debian");
        await app.GrantAsync(review.Slug, email, "reviewer");
        await api.ReviewAsync(review, other.Id, 2, 4, comment: "Clear and useful.");

        // A released schedule naming them, and a star on their own talk.
        var schedule = await ScheduleKit.CreateAsync(app, $"sch-{tag}");
        var session = await schedule.SessionAsync("Mapping rivers with OpenStreetMap", speakers: [email]);
        await schedule.PlaceAsync(session, schedule.Janson, "10:00");
        (await schedule.Organiser.PostAsJsonAsync($"{schedule.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        (await api.PutAsync($"/api/events/{schedule.Slug}/agenda/{session.Id}", null)).EnsureSuccessStatusCode();

        // Two tickets with their name on the badge; one handed on to a friend.
        var tickets = await app.EventAsync();
        var type = await tickets.TypeAsync();
        var registered = await api.PostAsJsonAsync($"/api/events/{tickets.Slug}/registrations", new
        {
            ticketTypeId = type, joinWaitingList = false,
            attendees = new[] { new { badgeName = name, tshirtSize = "M", dietary = "vegetarian" }, new { badgeName = name, tshirtSize = "M", dietary = "" } },
        });
        var order = (await registered.Content.ReadFromJsonAsync<RegistrationResponse>())!.Order!;
        var friend = await app.UserAsync("friend");
        (await api.PostAsJsonAsync($"/api/my/tickets/{order.Tickets[1].Id}/transfers", new { recipientEmail = friend.Email, recipientName = "Friend", note = $"from {name}" }))
            .EnsureSuccessStatusCode();
        var token = await app.TransferTokenInAsync(friend.Email);
        (await friend.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Friend", tshirtSize = "L", dietary = "" })).EnsureSuccessStatusCode();

        // A social event they were invited to by address, and answered.
        var social = await SocialKit.CreateAsync(app, $"soc-{tag}");
        await social.InviteAsync(email);
        await (await app.CreateClient().RsvpAsync(await social.TokenAsync(app, email), attending: true, dietary: "no peanuts", accessibility: "step-free seat"))
            .ReadRsvpAsync();

        return new Everything(user.Id, email, name, fullName, api, review.Slug, accepted.Id, spam.Id, schedule.Slug, session.Id, tickets.Slug, type,
            order.Tickets[0].Id, friend.Email, social.Slug);
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
