using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Bofs;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>
/// A released schedule (Brussels, 6–7 Feb 2027) with two BoF rooms: K.1.105 with a lunch-break slot, and H.2215 open
/// until 21:00 on the first day with an evening slot. <see cref="Lunch"/> and <see cref="Evening"/> are slot ids.
/// </summary>
public sealed record BofEvent(ScheduleEvent S, long Lunch, long Evening)
{
    public string Slug => S.Slug;
    public HttpClient Organiser => S.Organiser;
    public string Api => $"/api/events/{S.Slug}/bofs";
}

internal static class BofKit
{
    public static async Task<BofEvent> CreateAsync(EventPlannerApp app, string slug, int threshold = 3)
    {
        var s = await ScheduleKit.CreateAsync(app, slug, organiserEmail: $"org-{slug}-{Guid.NewGuid():N}@example.org");
        await s.PlaceAsync(await s.SessionAsync("Opening keynote", "keynote", 45), s.Janson, "09:15");
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        (await s.Organiser.PutAsJsonAsync($"{s.Api}/rooms/{s.Medium}/hours/{ScheduleKit.Day1}", new { opensAt = "09:00", closesAt = "21:00" })).EnsureSuccessStatusCode();
        var api = $"/api/events/{slug}/bofs";
        await Ok(await s.Organiser.PutAsJsonAsync($"{api}/settings", new { interestThreshold = threshold, roomIds = new[] { s.Small, s.Medium } }));
        var lunch = await SlotAsync(s.Organiser, api, s.Small, ScheduleKit.Day1, "12:30", "13:15");
        var evening = await SlotAsync(s.Organiser, api, s.Medium, ScheduleKit.Day1, "19:00", "20:00");
        return new BofEvent(s, lunch, evening);
    }

    public static async Task<long> SlotAsync(HttpClient organiser, string api, long roomId, string date, string starts, string ends)
    {
        var response = await organiser.PostAsJsonAsync($"{api}/slots", new { roomId, date, starts, ends });
        return (await (await Ok(response)).Content.ReadFromJsonAsync<BofSlotResponse>())!.Id;
    }

    public static async Task<BofResponse> ProposeAsync(this BofEvent e, TestUser proposer, string title, string description = "") =>
        (await (await Ok(await proposer.Api.PostAsJsonAsync(e.Api, new { title, description }))).Content.ReadFromJsonAsync<BofResponse>())!;

    public static Task<HttpResponseMessage> InterestAsync(this BofEvent e, TestUser who, long bofId) => who.Api.PutAsync($"{e.Api}/{bofId}/interest", null);

    public static async Task<IReadOnlyList<TestUser>> InterestedAsync(this BofEvent e, EventPlannerApp app, long bofId, int count)
    {
        var people = new List<TestUser>();
        for (var i = 0; i < count; i++)
        {
            var u = await app.UserAsync("bof-fan");
            await Ok(await e.InterestAsync(u, bofId));
            people.Add(u);
        }
        return people;
    }

    public static Task<HttpResponseMessage> BookAsync(this BofEvent e, HttpClient who, long bofId, long slotId) =>
        who.PutAsJsonAsync($"{e.Api}/{bofId}/booking", new { slotId });

    public static Task<HttpResponseMessage> CancelAsync(this BofEvent e, HttpClient who, long bofId) => who.PostAsync($"{e.Api}/{bofId}/cancel", null);

    public static async Task<BofResponse> ReadBofAsync(this HttpResponseMessage response) =>
        (await (await Ok(response)).Content.ReadFromJsonAsync<BofResponse>())!;

    public static async Task<HttpResponseMessage> Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
