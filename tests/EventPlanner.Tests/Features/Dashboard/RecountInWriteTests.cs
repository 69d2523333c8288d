using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>
/// The confirming post recounts inside the write it guards: a change that lands after the page compared the stamp
/// but before the delete (here: between reading the counts and calling the store) is caught, and nothing is removed.
/// </summary>
[Trait("Engine", "Both")] // runs in the PostgreSQL pass too (issue 19)
public sealed class RecountInWriteTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_session_filed_under_the_track_after_the_check_stops_the_removal_and_the_fresh_count_is_returned()
    {
        var s = await ScheduleKit.CreateAsync(app, "rw-track");
        await s.SessionAsync("Rust in the kernel", trackId: s.Kernel);
        var store = app.Services.GetRequiredService<EventStore>();
        var venue = app.Services.GetRequiredService<VenueStore>();
        var eventId = (await store.FindAsync(s.Slug))!.Id;
        var shown = (await app.Services.GetRequiredService<OrganiserImpacts>().TrackAsync(eventId, s.Kernel))!;
        Assert.Equal(1, shown.Lines.Single(l => l.Key == "sessions").Count);

        // The page has compared the posted stamp with these counts and goes on to write; meanwhile a session lands.
        await s.SessionAsync("eBPF for mortals", trackId: s.Kernel);
        var check = new StampCheck(eventId, shown.Stamp, (c, tx) => OrganiserImpacts.TrackAsync(c, tx, eventId, s.Kernel));
        var removed = await venue.RemoveTrackAsync(eventId, s.Kernel, _ => { }, stillAsShown: check.HoldsAsync);

        Assert.False(removed);
        Assert.True(check.Changed);
        Assert.Equal(2, check.Fresh!.Lines.Single(l => l.Key == "sessions").Count);
        Assert.Contains((await venue.ListPartsAsync(eventId)).Tracks, t => t.Id == s.Kernel);

        var again = new StampCheck(eventId, check.Fresh.Stamp, (c, tx) => OrganiserImpacts.TrackAsync(c, tx, eventId, s.Kernel));
        Assert.True(await venue.RemoveTrackAsync(eventId, s.Kernel, _ => { }, stillAsShown: again.HoldsAsync));
        Assert.False(again.Changed);
        Assert.DoesNotContain((await venue.ListPartsAsync(eventId)).Tracks, t => t.Id == s.Kernel);
    }
}
