using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Bofs;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

/// <summary>
/// New dates that remove a day holding sessions ask first, counting what lies on it; a session placed on it meanwhile
/// asks again; only the matching stamp saves, and the sessions keep their times (the public schedule waits for a release).
/// A removed day with nothing on it saves at once; a day holding a booked, published thing is refused.
/// </summary>
[Trait("Engine", "Both")]
public sealed class DayRemovalConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static string Details(string slug) => $"/events/{slug}/manage/details";

    private static Dictionary<string, string> Form(ScheduleEvent s, string endsOn) => new()
    {
        ["Input.Name"] = $"Event {s.Slug}", ["Input.StartsOn"] = ScheduleKit.Day1, ["Input.EndsOn"] = endsOn, ["Input.TimeZone"] = ScheduleKit.Zone,
        ["Input.Venue"] = "ULB Solbosch", ["Input.Description"] = "", ["Input.IsPublic"] = "true",
    };

    private async Task<List<string>> DaysAsync(string slug)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.QueryAsync<DateOnly>("SELECT d.date FROM event_days d JOIN events e ON e.id = d.event_id WHERE e.slug = @slug ORDER BY d.date", new { slug }))
            .Select(d => d.ToString("yyyy-MM-dd")).ToList();
    }

    [Fact]
    public async Task Removing_a_day_with_sessions_counts_them_asks_again_after_another_lands_and_then_saves_keeping_their_times()
    {
        var s = await ScheduleKit.CreateAsync(app, "dr-sessions");
        await s.PlaceAsync(await s.SessionAsync("Closing keynote", "keynote", 45), s.Janson, "16:00", ScheduleKit.Day2);
        var organiser = await app.SignInAsync($"org-{s.Slug}@example.org");
        var page = Details(s.Slug);

        var shown = await organiser.ConfirmationAsync(page, Form(s, ScheduleKit.Day1), page);
        Assert.Equal((1, 1, 0), (shown.Count("days"), shown.Count("programme"), shown.Count("live")));
        Assert.Contains("Sun 7 Feb 2027", shown.TextContent);
        Assert.Contains("does not change until your next release", shown.QuerySelector("[data-schedule]")!.TextContent);
        Assert.Equal([ScheduleKit.Day1, ScheduleKit.Day2], await DaysAsync(s.Slug));

        await s.PlaceAsync(await s.SessionAsync("Lightning wrap-up", minutes: 30), s.Small, "17:00", ScheduleKit.Day2);
        var stale = await organiser.PostConfirmedAsync(page, shown, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("programme"));
        Assert.Equal([ScheduleKit.Day1, ScheduleKit.Day2], await DaysAsync(s.Slug));

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(page, again, page)).StatusCode);
        Assert.Equal([ScheduleKit.Day1], await DaysAsync(s.Slug));
        var sessions = (await s.Organiser.GetFromJsonAsync<List<SessionResponse>>($"{s.Api}/sessions"))!;
        Assert.NotNull(sessions.Single(x => x.Title == "Closing keynote").StartsAt); // kept its time, for the organisers to move
    }

    [Fact]
    public async Task Removing_an_empty_day_saves_at_once_and_a_day_with_a_booked_bof_is_refused()
    {
        var s = await ScheduleKit.CreateAsync(app, "dr-empty");
        var organiser = await app.SignInAsync($"org-{s.Slug}@example.org");
        var page = Details(s.Slug);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(page, Form(s, ScheduleKit.Day1), page)).StatusCode);
        Assert.Equal([ScheduleKit.Day1], await DaysAsync(s.Slug));

        // Back to two days; a BoF booked on the second one is published and its people told: refused, with no form.
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(page, Form(s, ScheduleKit.Day2), page)).StatusCode);
        var bofs = $"/api/events/{s.Slug}/bofs";
        await Bofs.BofKit.Ok(await s.Organiser.PutAsJsonAsync($"{bofs}/settings", new { interestThreshold = 0, roomIds = new[] { s.Small } }));
        var slot = await Bofs.BofKit.SlotAsync(s.Organiser, bofs, s.Small, ScheduleKit.Day2, "12:30", "13:15");
        var proposer = await Tickets.TicketKit.UserAsync(app, "dr-empty-proposer");
        var bof = await (await proposer.Api.PostAsJsonAsync(bofs, new { title = "Gentoo", description = "" })).ReadBofAsync();
        await Bofs.BofKit.Ok(await proposer.Api.PutAsJsonAsync($"{bofs}/{bof.Id}/booking", new { slotId = slot }));

        var refused = await organiser.ConfirmationAsync(page, Form(s, ScheduleKit.Day1), page);
        Assert.Equal(1, refused.Count("booked-bofs"));
        Assert.NotNull(refused.QuerySelector("[data-blocked]"));
        Assert.Null(refused.QuerySelector("form"));
        var forced = await organiser.PostFormAsync(page, new(Form(s, ScheduleKit.Day1)) { ["stamp"] = refused.GetAttribute("data-stamp")! }, page);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal([ScheduleKit.Day1, ScheduleKit.Day2], await DaysAsync(s.Slug));
    }
}
