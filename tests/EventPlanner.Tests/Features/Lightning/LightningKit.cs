using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Lightning;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Lightning;

/// <summary>A released event (see <see cref="ScheduleKit"/>) with a lightning session placed on day 1 and opened for sign-up.</summary>
public sealed record LightningEvent(ScheduleEvent Schedule, long SessionId)
{
    public string Slug => Schedule.Slug;
    public HttpClient Organiser => Schedule.Organiser;
    public string Api => $"/api/events/{Slug}/lightning/{SessionId}";
}

public sealed record Person(long Id, string Email, HttpClient Api);

internal static class LightningKit
{
    /// <summary>Day 1 in Brussels: 17:00 local is 16:00 UTC.</summary>
    public const string Start = "17:00";
    public static readonly DateTimeOffset StartsAt = DateTimeOffset.Parse("2027-02-06T16:00:00Z");

    public static async Task<LightningEvent> CreateAsync(EventPlannerApp app, string slug, int minutes = 60, object? settings = null, bool release = true)
    {
        var e = await ScheduleKit.CreateAsync(app, slug);
        var session = await e.PlaceAsync(await e.SessionAsync("Lightning talks", "lightning", minutes), e.Janson, Start);
        if (release) (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var l = new LightningEvent(e, session.Id);
        await l.ConfigureAsync(settings ?? new { slotMinutes = 5, changeoverMinutes = 1 });
        return l;
    }

    public static async Task<long> AnotherSessionAsync(this LightningEvent l, string title, string start, object settings, int minutes = 30)
    {
        var session = await l.Schedule.PlaceAsync(await l.Schedule.SessionAsync(title, "lightning", minutes), l.Schedule.Small, start);
        (await l.Organiser.PutAsJsonAsync($"/api/events/{l.Slug}/lightning/{session.Id}/settings", settings)).EnsureSuccessStatusCode();
        return session.Id;
    }

    public static async Task<OrganiserLineupResponse> ConfigureAsync(this LightningEvent l, object settings)
    {
        var response = await l.Organiser.PutAsJsonAsync($"{l.Api}/settings", settings);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<OrganiserLineupResponse>())!;
    }

    public static async Task<Person> PersonAsync(this EventPlannerApp app, string email, string? name = null)
    {
        var user = await app.CreateUserAsync(email, name);
        return new Person(user.Id, email, await app.CreateApiClientAsync(email));
    }

    public static Task<HttpResponseMessage> SignUpAsync(this Person p, LightningEvent l, string? title = null, long? sessionId = null) =>
        p.Api.PostAsJsonAsync($"/api/events/{l.Slug}/lightning/{sessionId ?? l.SessionId}/talks",
            new { title = title ?? $"Talk by {p.Email}", description = "Five minutes on something I love.", slidesUrl = (string?)null });

    public static async Task<TalkResponse> SignedUpAsync(this Person p, LightningEvent l, string? title = null)
    {
        var response = await p.SignUpAsync(l, title);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TalkResponse>())!;
    }

    public static async Task<TalkResponse?> MineAsync(this Person p, LightningEvent l) =>
        (await p.Api.GetFromJsonAsync<LightningSessionResponse>(l.Api))!.Mine;

    /// <summary>Runs the recurring expiry job once, as Hangfire does every minute: the only sweep when nobody writes.</summary>
    public static Task<int> RunLightningExpiryAsync(this EventPlannerApp app) =>
        app.Services.GetRequiredService<LightningExpiryJob>().RunAsync(CancellationToken.None);

    public static async Task<OrganiserLineupResponse> LineupAsync(this LightningEvent l) =>
        (await l.Organiser.GetFromJsonAsync<OrganiserLineupResponse>($"{l.Api}/talks"))!;
}
