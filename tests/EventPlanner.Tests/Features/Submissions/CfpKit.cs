using System.Globalization;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Submissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>An event with an open call for papers, set up through the API as an organiser would.</summary>
public sealed record CfpEvent(string Slug, HttpClient Organiser, DateTimeOffset ClosesAt, long TalkId, IReadOnlyList<long> TrackIds)
{
    public string Api => $"/api/events/{Slug}";
}

internal static class CfpKit
{
    public const string Zone = "Asia/Kuala_Lumpur";
    public static readonly TimeZoneInfo ZoneInfo = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    /// <summary>An event in Kuala Lumpur whose call opened yesterday and closes <paramref name="closesIn"/> from the app's clock (to the minute).</summary>
    public static async Task<CfpEvent> CreateAsync(EventPlannerApp app, string slug, TimeSpan? closesIn = null)
    {
        var organiser = await app.CreateApiClientAsync($"org-{slug}@example.org", admin: true);
        (await organiser.PostAsJsonAsync("/api/events", new
        {
            slug, name = $"Event {slug}", timeZone = Zone, startsOn = "2027-03-05", endsOn = "2027-03-06", venue = "APU",
        })).EnsureSuccessStatusCode();
        var tracks = new List<long>();
        foreach (var name in new[] { "Kernel", "Web", "Community" })
        {
            var track = await organiser.PostAsJsonAsync($"/api/events/{slug}/tracks", new { name });
            track.EnsureSuccessStatusCode();
            tracks.Add((await track.Content.ReadFromJsonAsync<IdOnly>())!.Id);
        }
        var now = app.Clock.GetUtcNow();
        var closes = Minute(now + (closesIn ?? TimeSpan.FromDays(3)));
        (await organiser.PutAsJsonAsync($"/api/events/{slug}/cfp", new
        {
            opensAt = Local(now.AddDays(-1)), closesAt = Local(closes), intro = "Tell us about your **free software** work.",
        })).EnsureSuccessStatusCode();
        var types = await organiser.GetFromJsonAsync<List<SessionTypeResponse>>($"/api/events/{slug}/cfp/session-types");
        return new CfpEvent(slug, organiser, closes, types!.Single(t => t.Name == "Talk").Id, tracks);
    }

    public static string Local(DateTimeOffset utc) => CfpTime.ToInput(utc, ZoneInfo);

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);

    public static object Proposal(CfpEvent e, string title = "Packaging Rust for Debian", bool submit = false, string? accessCode = null,
        IEnumerable<object>? answers = null, long? typeId = null) => new
    {
        title,
        @abstract = "How we package crates, and what upstream can do to help.",
        description = "A longer *description* with details.",
        sessionTypeId = typeId ?? e.TalkId,
        durationMinutes = 25,
        trackIds = new[] { e.TrackIds[1], e.TrackIds[0] },
        audienceLevel = "intermediate",
        language = "English",
        notes = "I can also do a workshop.",
        availability = new[] { new { date = "2027-03-05", from = "09:00", to = "12:00" } },
        answers = answers ?? [],
        accessCode,
        submit,
    };

    /// <summary>A user and an API token without the cost of hashing a password (for many speakers at once).</summary>
    public static async Task<(long Id, HttpClient Client)> FastSpeakerAsync(EventPlannerApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Email = email, DisplayName = email.Split('@')[0], EmailConfirmed = true };
        var result = await users.CreateAsync(user);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(x => x.Description)));
        var (_, secret) = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "tests");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return (user.Id, client);
    }

    public static async Task<ProposalResponse> ReadProposalAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<ProposalResponse>())!;
    }

    public static string Describe(DateTimeOffset utc) => CfpTime.Describe(utc, ZoneInfo);

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record IdOnly(long Id);
}
