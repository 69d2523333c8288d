using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// Reads the dashboard: each feature counts its own tables (its <c>...Counts.ReadAsync</c>), all on one connection;
/// what a release would change comes from Schedule's own preview, so the dashboard and the release page agree.
/// </summary>
public sealed class DashboardQuery(Db db, ReleaseStore releases, ScheduleQueries schedules, NotificationStore notifications, TimeProvider clock)
{
    public async Task<DashboardView> LoadAsync(EventRow e, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = e.LocalDate(now);
        var dayStart = Midnight(today, e.Zone);
        var dayEnd = Midnight(today.AddDays(1), e.Zone);

        await using var c = await db.OpenAsync(ct);
        var submissions = await SubmissionCounts.ReadAsync(c, e.Id);
        var reviews = await ReviewCounts.ReadAsync(c, e.Id);
        var tickets = await TicketCounts.ReadAsync(c, e.Id, dayStart, dayEnd);
        var schedule = await ScheduleCounts.ReadAsync(c, e.Id);
        var community = await CommunityCounts.ReadAsync(c, e.Id);
        var bofs = await BofCounts.ReadAsync(c, e.Id);
        var lightning = await LightningCounts.ReadAsync(c, e.Id);
        var materials = await MaterialCounts.ReadAsync(c, e.Id);
        var feedback = await FeedbackCounts.ReadAsync(c, e.Id);
        var social = await Social.SocialCounts.ReadAsync(c, e.Id);
        var surveys = await SurveyCounts.ReadAsync(c, e.Id);
        var mail = await notifications.CountsAsync(e.Id, ct);
        // Before the first release everything placed is "not yet released"; the preview counts it the same way.
        var unreleased = (await releases.PreviewAsync(e, ct)).Count;
        var errors = (await schedules.LoadAsync(e, ct)).ErrorCount;
        return new DashboardView(e, now, submissions, reviews, tickets, schedule, unreleased, errors, community, bofs, lightning,
            mail.GetValueOrDefault(NotificationStates.Held), mail.GetValueOrDefault(NotificationStates.Failed), feedback, surveys) { Materials = materials, Social = social };
    }

    // A zone whose clocks jump at midnight has no local 00:00 that day: the day then starts at the first valid minute.
    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
