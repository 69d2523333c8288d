using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Puts the demo's check-in volunteer on the event's check-in team, so the door role can be tried (and crawled
/// by the browser tests) without an organiser adding someone first.
/// </summary>
public sealed class DemoCheckInStaff : IDemoPart
{
    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        if (data.CheckInVolunteer is not { } volunteer) return;
        var ev = data.RequireEvent();
        var staff = services.GetRequiredService<CheckInStore>();
        if ((await staff.ListStaffAsync(ev.Id, ct)).Any(s => s.UserId == volunteer.Id)) return;

        var organiserId = (await services.GetRequiredService<TeamStore>().ListTeamAsync(ev.Id, ct))
            .FirstOrDefault(m => m.Role == EventRoles.Organiser)?.UserId ?? volunteer.Id;
        var v = new Validator();
        if (await staff.AddStaffAsync(ev.Id, volunteer.Email!, organiserId, v, ct) is null)
            throw new InvalidOperationException("Demo check-in team: " + string.Join("; ", v.Errors.SelectMany(e => e.Value)));
        data.CountAdded();
    }
}
