using System.Net;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>Removing a check-in volunteer asks first: the desk they lose, the check-ins they recorded, who remains.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CheckInStaffConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private CheckInStore CheckIns => app.Services.GetRequiredService<CheckInStore>();

    [Fact]
    public async Task Removing_a_volunteer_counts_who_remains_asks_again_after_another_joined_and_then_removes_them()
    {
        var email = await EventTestData.UserAsync(app, "cs.org@example.org");
        var e = await app.CreateEventAsync("cs-staff", email);
        var organiserId = (await app.Services.GetRequiredService<TeamStore>().ListTeamAsync(e.Id)).First().UserId;
        var vera = await app.CreateUserAsync("cs.vera@example.org", "Vera Volunteer");
        var walt = await app.CreateUserAsync("cs.walt@example.org", "Walt Welcome");
        Assert.NotNull(await CheckIns.AddStaffAsync(e.Id, vera.Email, organiserId, new Validator()));
        var organiser = await app.SignInAsync(email);
        const string page = "/events/cs-staff/tickets/manage";
        var url = $"{page}?handler=RemoveStaff&userId={vera.Id}";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Contains("Remove Vera Volunteer from the check-in desk?", first.TextContent);
        Assert.Equal((0, 0), (first.Count("check-ins"), first.Count("other-staff")));
        Assert.Contains(await CheckIns.ListStaffAsync(e.Id), s => s.UserId == vera.Id);

        Assert.NotNull(await CheckIns.AddStaffAsync(e.Id, walt.Email, organiserId, new Validator()));
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(1, again.Count("other-staff"));
        Assert.Contains(await CheckIns.ListStaffAsync(e.Id), s => s.UserId == vera.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, again, page)).StatusCode);
        var staff = await CheckIns.ListStaffAsync(e.Id);
        Assert.DoesNotContain(staff, s => s.UserId == vera.Id);
        Assert.Contains(staff, s => s.UserId == walt.Id);
    }

    [Fact]
    public async Task Another_events_organiser_gets_no_counts_and_removes_nobody()
    {
        var email = await EventTestData.UserAsync(app, "cs.own@example.org");
        var e = await app.CreateEventAsync("cs-own", email);
        var organiserId = (await app.Services.GetRequiredService<TeamStore>().ListTeamAsync(e.Id)).First().UserId;
        var vera = await app.CreateUserAsync("cs.own.vera@example.org", "Vera Other");
        Assert.NotNull(await CheckIns.AddStaffAsync(e.Id, vera.Email, organiserId, new Validator()));
        var strangerEmail = await EventTestData.UserAsync(app, "cs.stranger@example.org");
        await app.CreateEventAsync("cs-stranger", strangerEmail);
        var stranger = await app.SignInAsync(strangerEmail);

        var response = await stranger.PostFormAsync($"/events/cs-own/tickets/manage?handler=RemoveStaff&userId={vera.Id}",
            new() { ["stamp"] = "1.0.0" }, "/events/cs-stranger/tickets/manage");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Vera Other", await response.Content.ReadAsStringAsync());
        Assert.Contains(await CheckIns.ListStaffAsync(e.Id), s => s.UserId == vera.Id);
    }
}
