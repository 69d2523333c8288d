using System.Data;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// Adds to a snapshot what another feature owns, in both organiser and automatic releases: the line-up of a
/// lightning session as its <see cref="SnapSession.Parts"/>, say. Must be idempotent (it may see a snapshot it
/// already contributed to) and should read what it needs in one query.
/// </summary>
public interface ISnapshotContributor
{
    Task<ReleaseSnapshot> ContributeAsync(IDbConnection c, IDbTransaction? tx, ScheduleBoard board, ReleaseSnapshot snapshot);
}

/// <summary>
/// Publishing for self-service features (community rooms, BoFs, lightning talks). They write their sessions
/// (schedule_sessions with a <see cref="SessionSources"/> other than programme) in their own write transaction and
/// call <see cref="PublishAsync"/> in that same transaction; after commit, <see cref="AfterCommitAsync"/> drops the
/// cached release so the public pages, exports, kiosk and agendas show it at once, and kicks the webhook drain so the
/// release's webhooks go at once too, as an organiser's release does. The organisers' unreleased changes to the
/// programme are never published this way.
/// </summary>
public sealed class LiveSchedule(ReleaseStore releases, ReleaseCache cache, ReleaseWebhooks webhooks)
{
    /// <summary>The new release number, or null when nothing visible changed or nothing was released yet.</summary>
    public Task<int?> PublishAsync(IDbConnection c, IDbTransaction tx, EventRow e, string reason) =>
        releases.PublishLiveAsync(c, tx, e, reason);

    public Task AfterCommitAsync(string slug, CancellationToken ct = default)
    {
        webhooks.Kick();
        return cache.InvalidateAsync(slug, ct);
    }
}
