using System.Net;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using System.Net.Http.Json;
using EventPlanner.Web.Features.Community;

namespace EventPlanner.Tests.Features.Community;

/// <summary>The pages do what the API does (same stores): a host asks for a room by form, the organiser approves it on the calendar page.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CommunityPagesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_host_asks_by_form_the_organiser_sees_it_on_the_calendar_and_approves_and_strangers_see_no_group_page()
    {
        var c = await CommunityKit.CreateAsync(app, "cpg-forms");
        await app.CreateUserAsync("org-pages-cpg@example.org");
        await c.Organiser.PostAsync($"/api/events/{c.Slug}/team", System.Net.Http.Json.JsonContent.Create(new { email = "org-pages-cpg@example.org", role = "organiser" }));
        await c.Schedule.PlaceAsync(await c.Schedule.SessionAsync("Programme talk"), c.Schedule.Janson, "10:00");
        var host = await app.SignInAsync(c.HostEmail);
        var groupUrl = $"/events/{c.Slug}/community/groups/{c.GroupId}";

        var taken = await host.PostFormAsync($"{groupUrl}?handler=Request", new()
        {
            ["Ask.RoomId"] = c.Schedule.Janson.ToString(), ["Ask.Date"] = ScheduleKit.Day1, ["Ask.Start"] = "10:00", ["Ask.End"] = "11:00",
            ["Ask.ExpectedAttendance"] = "30", ["Ask.Purpose"] = "Release party",
        }, groupUrl);
        var sent = await host.PostFormAsync($"{groupUrl}?handler=Request", new()
        {
            ["Ask.RoomId"] = c.Schedule.Medium.ToString(), ["Ask.Date"] = ScheduleKit.Day1, ["Ask.Start"] = "10:00", ["Ask.End"] = "11:00",
            ["Ask.ExpectedAttendance"] = "30", ["Ask.Purpose"] = "Release party", ["Ask.AvNeeds"] = "Projector",
        }, groupUrl);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode); // shown again with the reason and what is free
        var takenHtml = WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync());
        Assert.Contains("Janson is taken 10:00–10:30 by \"Programme talk\".", takenHtml);
        Assert.Contains("Free at that time: K.1.105, H.2215.", takenHtml);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var organiser = await app.SignInAsync("org-pages-cpg@example.org");
        var calendarUrl = $"/events/{c.Slug}/community/manage/{ScheduleKit.Day1}";
        var calendar = await organiser.GetStringAsync(calendarUrl);
        Assert.Contains("Request: Ubuntu Malaysia", calendar);
        Assert.Contains("Programme talk", calendar);
        var block = (await c.Organiser.GetFromJsonAsync<List<BlockResponse>>($"{c.Api}/requests"))!.Single();
        var approved = await organiser.PostFormAsync($"{calendarUrl}?handler=Approve&blockId={block.Id}", new() { ["roomId"] = c.Schedule.Small.ToString() }, calendarUrl);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("K.1.105", (await organiser.GetStringAsync(calendarUrl)).Split("per room")[1]);

        var stranger = await app.CreateUserAsync("stranger-cpg@example.org");
        var strangerBrowser = await app.SignInAsync(stranger.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync(groupUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/events/{c.Slug}/community/blocks/{block.Id}")).StatusCode);
        var denied = await strangerBrowser.GetAsync(calendarUrl); // a page answers a browser with the access-denied page
        Assert.Contains("/account/access-denied", denied.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
