using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>
/// Self-service sessions (BoFs, community sessions, lightning line-ups) publish themselves as automatic releases
/// on top of the latest one, without publishing the organisers' unreleased programme changes.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LiveScheduleTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<int?> PublishBofAsync(ScheduleEvent e, long roomId, string title, string startUtc)
    {
        var services = app.Services;
        var ev = (await services.GetRequiredService<EventStore>().FindAsync(e.Slug))!;
        var live = services.GetRequiredService<LiveSchedule>();
        var number = await services.GetRequiredService<Db>().WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO schedule_sessions (event_id, guid, kind, title, duration_minutes, room_id, starts_at, source, created_at, updated_at)
                VALUES (@eventId, @guid, 'other', @title, 60, @roomId, @startUtc, 'bof', @startUtc, @startUtc)
                """, new { eventId = ev.Id, guid = Guid.NewGuid().ToString(), title, roomId, startUtc }, tx);
            return await live.PublishAsync(c, tx, ev, $"BoF booked: {title}");
        });
        await live.AfterCommitAsync(e.Slug);
        return number;
    }

    private async Task<List<string>> PublicTitlesAsync(ScheduleEvent e)
    {
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/events/{e.Slug}/schedule.json"));
        var titles = new List<string>();
        foreach (var day in json.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days").EnumerateArray())
            foreach (var room in day.GetProperty("rooms").EnumerateObject())
                foreach (var ev in room.Value.EnumerateArray()) titles.Add(ev.GetProperty("title").GetString()!);
        return titles.Order().ToList();
    }

    [Fact]
    public async Task A_booked_bof_is_published_at_once_without_the_organisers_unreleased_changes()
    {
        var e = await ScheduleKit.CreateAsync(app, "live-bof");
        var alpha = await e.PlaceAsync(await e.SessionAsync("Alpha"), e.Janson, "10:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

        // The organisers are working on the next release: Alpha moves, Draft is new. Neither is public yet.
        await e.PlaceAsync(alpha, e.Janson, "11:00");
        await e.PlaceAsync(await e.SessionAsync("Draft"), e.Small, "10:00");

        var number = await PublishBofAsync(e, e.Medium, "Rust for Linux BoF", "2027-02-06T14:00:00Z");

        Assert.Equal(2, number);
        Assert.Equal(["Alpha", "Rust for Linux BoF"], await PublicTitlesAsync(e));
        var releases = await e.Organiser.GetFromJsonAsync<List<ReleaseResponse>>($"{e.Api}/releases");
        Assert.Equal([("added", "Rust for Linux BoF")], releases![0].Changes.Select(c => (c.Kind, c.Title)));
        var alphaNow = (await app.CreateClient().GetStringAsync($"/events/{e.Slug}/schedule.json"));
        Assert.Contains("\"start\":\"10:00\"", alphaNow.Replace(" ", ""));

        // The next organiser release carries the BoF along with the programme changes.
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        Assert.Equal(["Alpha", "Draft", "Rust for Linux BoF"], await PublicTitlesAsync(e));
    }

    [Fact]
    public async Task Nothing_is_published_before_the_first_release_or_when_nothing_changed()
    {
        var e = await ScheduleKit.CreateAsync(app, "live-none");
        Assert.Null(await PublishBofAsync(e, e.Medium, "Too early BoF", "2027-02-06T14:00:00Z"));

        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var services = app.Services;
        var ev = (await services.GetRequiredService<EventStore>().FindAsync(e.Slug))!;
        var again = await services.GetRequiredService<Db>().WriteAsync((c, tx) => services.GetRequiredService<LiveSchedule>().PublishAsync(c, tx, ev, "no change"));
        Assert.Null(again);
        Assert.Equal(["Too early BoF"], await PublicTitlesAsync(e));
    }
}
