using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using EventPlanner.Web.Data;
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

    /// <summary>
    /// Many signed-in people at once, for races: inserted directly with API tokens, because hashing hundreds of
    /// passwords would dominate the run.
    /// </summary>
    public static async Task<IReadOnlyList<TestUser>> CrowdAsync(this EventPlannerApp app, string prefix, int count)
    {
        prefix = Unique(prefix);
        var now = app.Clock.GetUtcNow();
        var ids = await app.Services.GetRequiredService<Db>().WriteAsync(async (c, tx) =>
        {
            var list = new List<long>();
            for (var i = 0; i < count; i++)
            {
                var email = $"{prefix}-{i}@example.org";
                list.Add(await c.ExecuteScalarAsync<long>("""
                    INSERT INTO users (email, normalized_email, display_name, security_stamp, concurrency_stamp, email_confirmed, created_at)
                    VALUES (@email, @normalized, @name, @stamp, @stamp, TRUE, @now) RETURNING id
                    """, new { email, normalized = email.ToUpperInvariant(), name = $"{prefix}-{i}", stamp = Guid.NewGuid().ToString("N"), now }, tx));
            }
            return list;
        });
        var tokens = app.Services.GetRequiredService<ApiTokenStore>();
        var users = new List<TestUser>();
        for (var i = 0; i < count; i++)
        {
            var (_, secret) = await tokens.CreateAsync(ids[i], "crowd");
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            users.Add(new TestUser(ids[i], $"{prefix}-{i}@example.org", client));
        }
        return users;
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

    /// <summary>
    /// The acceptance link (token) in the latest mail to this address that carries one, other than the
    /// tokens in <paramref name="besides"/> (those of earlier offers), once the mail has arrived.
    /// </summary>
    public static Task<string> TransferTokenInAsync(this EventPlannerApp app, string email, params IEnumerable<string> besides) =>
        LinkInAsync(app, email, TransferLink(), "transfer link", besides);

    public static Task<string> TicketSecretInAsync(this EventPlannerApp app, string email, params IEnumerable<string> besides) =>
        LinkInAsync(app, email, TicketLink(), "ticket link", besides);

    private static async Task<string> LinkInAsync(EventPlannerApp app, string email, Regex link, string what, IEnumerable<string> besides)
    {
        var skip = besides.ToHashSet();
        string? found = null;
        await app.Mail.WaitUntilAsync(() => (found = app.Mail.Sent.Reverse()
                .Where(m => string.Equals(m.ToAddress, email, StringComparison.OrdinalIgnoreCase))
                .Select(m => link.Match(m.TextBody)).Where(m => m.Success).Select(m => m.Groups[1].Value)
                .FirstOrDefault(v => !skip.Contains(v))) is not null,
            $"a new {what} in a mail to {email}");
        return found!;
    }

    [GeneratedRegex(@"/transfers/(tr_[A-Za-z0-9_\-]+)")]
    private static partial Regex TransferLink();

    [GeneratedRegex(@"/tickets/(tk_[A-Za-z0-9_\-]+)")]
    private static partial Regex TicketLink();
}
