using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

public sealed record TestEvent(string Slug, long Id, HttpClient Organiser, string OrganiserEmail);
public sealed record TestUser(long Id, string Email, HttpClient Api);

/// <summary>Builds events, ticket types and people through the API, each with a unique name.</summary>
public static partial class TicketKit
{
    private static int _counter;

    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static async Task<TestEvent> EventAsync(this EventPlannerApp app, int startsInDays = 60, bool isPublic = true)
    {
        var email = Unique("org") + "@example.org";
        var organiser = await app.CreateApiClientAsync(email, admin: true); // only admins create events by default
        var slug = Unique("tix");
        var start = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(startsInDays);
        var response = await organiser.PostAsJsonAsync("/api/events", new
        {
            slug, name = "Tix " + slug, timeZone = "Asia/Kuala_Lumpur",
            startsOn = start.ToString("yyyy-MM-dd"), endsOn = start.AddDays(1).ToString("yyyy-MM-dd"), isPublic,
        });
        response.EnsureSuccessStatusCode();
        var id = await app.Services.GetRequiredService<EventPlanner.Web.Features.Events.EventStore>().FindAsync(slug) is { } e ? e.Id : 0;
        return new TestEvent(slug, id, organiser, email);
    }

    public static async Task<long> TypeAsync(this TestEvent ev, string? name = null, int quota = 100, decimal price = 0, bool approval = false,
        string transferability = "transferable", int? transferDeadlineDays = null, int? cancelDeadlineDays = null, int perOrderLimit = 4, bool speaker = false)
    {
        var response = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/ticket-types", new
        {
            name = name ?? Unique("Type "), quota, price, currency = "MYR", requiresApproval = approval, transferability,
            transferDeadlineDays, cancelDeadlineDays, perOrderLimit, isSpeakerType = speaker,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TicketTypeResponse>())!.Id;
    }

    public static async Task<TestUser> UserAsync(this EventPlannerApp app, string prefix = "att")
    {
        var email = Unique(prefix) + "@example.org";
        var api = await app.CreateApiClientAsync(email);
        var id = (await app.Services.GetRequiredService<UserQueries>().FindByEmailAsync(email))!.Id;
        return new TestUser(id, email, api);
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string slug, long typeId, int attendees = 1, bool joinWaitingList = true) =>
        client.PostAsJsonAsync($"/api/events/{slug}/registrations", new
        {
            ticketTypeId = typeId,
            attendees = Enumerable.Range(1, attendees).Select(i => new { badgeName = $"Attendee {i}", tshirtSize = "M", dietary = "" }).ToArray(),
            joinWaitingList,
        });

    /// <summary>Registers one attendee and returns the (only) ticket.</summary>
    public static async Task<TicketResponse> TicketAsync(this TestUser user, string slug, long typeId)
    {
        var response = await user.Api.RegisterAsync(slug, typeId);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<RegistrationResponse>())!;
        return body.Order!.Tickets.Single();
    }

    public static async Task<IReadOnlyList<TicketResponse>> MyTicketsAsync(this TestUser user) =>
        (await user.Api.GetFromJsonAsync<List<TicketResponse>>("/api/my/tickets"))!;

    public static Task<HttpResponseMessage> CheckInAsync(this HttpClient staff, string slug, string secret) =>
        staff.PostAsJsonAsync($"/api/events/{slug}/check-in", new { secret });

    /// <summary>The acceptance link (token) in the last mail to this address.</summary>
    public static string TransferTokenIn(this EventPlannerApp app, string email) =>
        TransferLink().Match(app.Mail.LastTo(email).TextBody) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No transfer link in the last mail to {email}.");

    public static string TicketSecretIn(this EventPlannerApp app, string email) =>
        TicketLink().Match(app.Mail.LastTo(email).TextBody) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No ticket link in the last mail to {email}.");

    public static IEnumerable<string> SubjectsTo(this EventPlannerApp app, string email) =>
        app.Mail.Sent.Where(m => string.Equals(m.ToAddress, email, StringComparison.OrdinalIgnoreCase)).Select(m => m.Subject);

    [GeneratedRegex(@"/transfers/(tr_[A-Za-z0-9_\-]+)")]
    private static partial Regex TransferLink();

    [GeneratedRegex(@"/tickets/(tk_[A-Za-z0-9_\-]+)")]
    private static partial Regex TicketLink();
}
