using System.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// lightning.lineup_locked, written in the lock's own transaction. A line-up locks only by an organiser's action (the
/// sign-up window closing does not lock it), and locking an already locked line-up changes nothing, so each lock
/// publishes once; unlocking and locking again is a new lock. Talk titles and planned times as the public session page
/// shows them, without the speakers' names (the link leads to them).
/// </summary>
public sealed class LightningWebhooks(WebhookOutbox webhooks, AppUrls urls)
{
    public async Task PublishLockedInAsync(IDbConnection c, IDbTransaction tx, EventRow e, long sessionId)
    {
        var lineup = (await LightningSql.LoadInAsync(c, tx, e.Id, sessionId))!;
        var s = lineup.Session;
        var talks = lineup.Confirmed;
        await webhooks.PublishAsync(c, tx, e.Id, WebhookEventTypes.LightningLineupLocked, new
        {
            session = new { id = s.SessionId, title = s.Title, room = s.RoomName, startsAt = s.StartsAt, durationMinutes = s.DurationMinutes },
            lockedAt = s.LockedAt,
            talkCount = talks.Count,
            talks = talks.Select((t, i) => new
            {
                position = i + 1,
                title = t.Title,
                plannedStart = s.StartsAt is { } start ? LightningRules.PlannedStart(start, i, s.SlotMinutes, s.ChangeoverMinutes) : (DateTimeOffset?)null,
                minutes = s.SlotMinutes,
            }).ToList(),
            link = urls.Absolute($"/events/{e.Slug}/sessions/{s.SessionId}"),
        });
    }

    /// <summary>After the lock commits.</summary>
    public void Kick() => webhooks.Kick();
}
