using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>The to-do list and the CfP's days left, as plain code.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DashboardRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 30, 0, TimeSpan.Zero); // 23:30 in Kuala Lumpur

    private static DashboardView View(CfpSettingsRow? cfp = null, int held = 0, int requests = 0, int errors = 0) => new(
        new EventRow { Slug = "rules", TimeZone = "Asia/Kuala_Lumpur", StartsOn = new DateOnly(2026, 12, 5) }, Now,
        new SubmissionCounts(new Dictionary<string, int>(), cfp), new ReviewCounts(), new TicketCounts([], 0, 0, 0), new ScheduleCounts(),
        0, errors, new CommunityCounts { RequestsWaiting = requests }, new BofCounts(), new LightningCounts(), held, 0);

    [Fact]
    public void Only_counts_above_zero_are_to_dos_each_with_its_page_and_plural()
    {
        var todos = View(held: 1, requests: 2, errors: 3).ToDos;

        Assert.Equal(
            [("heldMail", "1 email held for review", "/events/rules/notifications/held"),
             ("roomRequests", "2 room requests waiting", "/events/rules/community/manage"),
             ("conflicts", "3 schedule conflicts to resolve", "/events/rules/schedule/manage")],
            todos.Select(t => (t.Key, t.Text, t.Href)));
        Assert.Empty(View().ToDos);
    }

    [Fact]
    public void Days_left_are_calendar_days_in_the_events_zone()
    {
        // 23:30 in Kuala Lumpur; the call closes at 00:30 local the day after tomorrow: two days left, not one.
        var closes = new DateTimeOffset(2026, 11, 26, 16, 30, 0, TimeSpan.Zero);
        var open = View(new CfpSettingsRow { OpensAt = Now.AddDays(-3), ClosesAt = closes }).Cfp;
        Assert.Equal(("open", 2), (open.State, open.DaysLeft));
        Assert.Equal("2 days left", CfpCountdown.Words(2));
        Assert.Equal("1 day left", CfpCountdown.Words(1));
        Assert.Equal("closes today", CfpCountdown.Words(0));
        Assert.Equal("closed", View(new CfpSettingsRow { OpensAt = Now.AddDays(-3), ClosesAt = Now.AddMinutes(-1) }).Cfp.State);
        Assert.Equal("not open yet", View(new CfpSettingsRow { OpensAt = Now.AddDays(1), ClosesAt = Now.AddDays(9) }).Cfp.State);
        Assert.Equal("not set up", View().Cfp.State);
        Assert.Equal(10, View().DaysToEvent); // 25 Nov (local 23:30) to 5 Dec
    }
}
