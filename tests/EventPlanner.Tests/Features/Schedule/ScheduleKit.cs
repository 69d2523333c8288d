using System.Net.Http.Json;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>An event in Brussels (a zone with daylight saving, unlike UTC) with three rooms and two tracks, set up through the API.</summary>
public sealed record ScheduleEvent(string Slug, HttpClient Organiser, long Janson, long Small, long Medium, long Kernel, long Web)
{
    public string Api => $"/api/events/{Slug}/schedule";
}

internal static class ScheduleKit
{
    public const string Zone = "Europe/Brussels";
    public const string Day1 = "2027-02-06";
    public const string Day2 = "2027-02-07";

    public static async Task<ScheduleEvent> CreateAsync(EventPlannerApp app, string slug, string venue = "ULB Solbosch", string? parentSlug = null,
        string? organiserEmail = null)
    {
        var organiser = await app.CreateApiClientAsync(organiserEmail ?? $"org-{slug}@example.org", admin: true);
        (await organiser.PostAsJsonAsync("/api/events", new
        {
            slug, name = $"Event {slug}", timeZone = Zone, startsOn = Day1, endsOn = Day2, venue, parentSlug,
        })).EnsureSuccessStatusCode();
        var rooms = new List<long>();
        foreach (var (name, capacity, order) in new[] { ("Janson", 1400, 0), ("K.1.105", 50, 1), ("H.2215", 120, 2) })
        {
            var r = await organiser.PostAsJsonAsync($"/api/events/{slug}/rooms", new { name, capacity, sortOrder = order });
            rooms.Add((await r.Content.ReadFromJsonAsync<IdOnly>())!.Id);
        }
        var tracks = new List<long>();
        foreach (var name in new[] { "Kernel", "Web" })
        {
            var t = await organiser.PostAsJsonAsync($"/api/events/{slug}/tracks", new { name });
            tracks.Add((await t.Content.ReadFromJsonAsync<IdOnly>())!.Id);
        }
        return new ScheduleEvent(slug, organiser, rooms[0], rooms[1], rooms[2], tracks[0], tracks[1]);
    }

    public static async Task<SessionResponse> SessionAsync(this ScheduleEvent e, string title, string kind = "talk", int minutes = 30, long? trackId = null,
        string[]? speakers = null, int audience = 0)
    {
        var response = await e.Organiser.PostAsJsonAsync($"{e.Api}/sessions", new
        {
            kind, title, @abstract = $"About {title}.", language = "en", trackId, durationMinutes = minutes, expectedAudience = audience, speakerEmails = speakers ?? [],
        });
        return await response.ReadSessionAsync();
    }

    public static Task<HttpResponseMessage> PlaceRawAsync(this ScheduleEvent e, long id, long? roomId, string? date, string? start, int version) =>
        e.Organiser.PutAsJsonAsync($"{e.Api}/sessions/{id}/placement", new { roomId, date, start, version });

    public static async Task<SessionResponse> PlaceAsync(this ScheduleEvent e, SessionResponse s, long roomId, string start, string date = Day1) =>
        await (await e.PlaceRawAsync(s.Id, roomId, date, start, s.Version)).ReadSessionAsync();

    public static async Task<SessionResponse> ReadSessionAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SessionResponse>())!;
    }

    public static async Task<SessionResponse> GetAsync(this ScheduleEvent e, long id) =>
        (await e.Organiser.GetFromJsonAsync<SessionResponse>($"{e.Api}/sessions/{id}"))!;

    /// <summary>A speaker account (with a password, so tests can sign in as them).</summary>
    public static async Task<long> SpeakerAsync(EventPlannerApp app, string email, string? name = null) =>
        (await app.CreateUserAsync(email, name)).Id;

    /// <summary>A proposal submitted through the real CfP, then set to a state as the review feature would.</summary>
    public static async Task<long> ProposalAsync(EventPlannerApp app, CfpEvent cfp, string speakerEmail, string title, string state)
    {
        var (_, speaker) = await CfpKit.FastSpeakerAsync(app, speakerEmail);
        var p = await (await speaker.PostAsJsonAsync($"{cfp.Api}/proposals", CfpKit.Proposal(cfp, title: title, submit: true))).ReadProposalAsync();
        await DemoProposalStates.SetAsync(app.Services.GetRequiredService<Db>(), p.Id, state, state);
        return p.Id;
    }

    private sealed record IdOnly(long Id);
}
