using System.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// What a release tells the event's webhooks, written in the release's own transaction: schedule.released once, then
/// session.changed or session.cancelled per changelog line. Only what the public schedule shows (no emails).
/// </summary>
public sealed class ReleaseWebhooks(WebhookOutbox webhooks, AppUrls urls)
{
    public async Task PublishInAsync(IDbConnection c, IDbTransaction tx, EventRow e, ReleaseSnapshot current, IReadOnlyList<ScheduleChange> changes,
        string? automaticReason)
    {
        var schedule = urls.Absolute($"/events/{e.Slug}/schedule");
        await webhooks.PublishAsync(c, tx, e.Id, WebhookEventTypes.ScheduleReleased, new
        {
            version = current.Number,
            releasedAt = current.ReleasedAt,
            automaticReason,
            sessionCount = current.Sessions.Count,
            changeCount = changes.Count,
            links = new
            {
                schedule,
                json = urls.Absolute($"/events/{e.Slug}/schedule.json"),
                xml = urls.Absolute($"/events/{e.Slug}/schedule.xml"),
                ics = urls.Absolute($"/events/{e.Slug}/schedule.ics"),
            },
        });
        foreach (var change in changes)
        {
            var type = change.Kind == ChangeKinds.Cancelled ? WebhookEventTypes.SessionCancelled : WebhookEventTypes.SessionChanged;
            var s = current.Find(change.SessionId);
            await webhooks.PublishAsync(c, tx, e.Id, type, new
            {
                version = current.Number,
                change = change.Kind,
                session = new
                {
                    id = change.SessionId,
                    guid = s?.Guid,
                    title = change.Title,
                    kind = s?.Kind,
                    track = s?.Track,
                    room = s?.Room ?? change.ToRoom,
                    startsAt = s?.StartsAt ?? change.ToStart,
                    durationMinutes = s?.DurationMinutes,
                    speakers = s?.Speakers.Select(p => p.Name).ToList(),
                },
                from = new { room = change.FromRoom, startsAt = change.FromStart },
                link = urls.Absolute($"/events/{e.Slug}/sessions/{change.SessionId}"),
            });
        }
    }

    /// <summary>After the release commits.</summary>
    public void Kick() => webhooks.Kick();
}
