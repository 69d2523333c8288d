using System.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// bof.booked and bof.cancelled, written in the booking's (or cancellation's) own transaction beside the automatic
/// release it causes. What the public BoF list shows: title, slot, room and how many are interested; no names.
/// </summary>
public sealed class BofWebhooks(WebhookOutbox webhooks, AppUrls urls)
{
    public Task PublishBookedInAsync(IDbConnection c, IDbTransaction tx, EventRow e, BofRow bof, long sessionId, BofSlotRow slot, BofSlotRow? was) =>
        webhooks.PublishAsync(c, tx, e.Id, WebhookEventTypes.BofBooked, new
        {
            change = was is null ? "booked" : "moved",
            bof = new { id = bof.Id, title = bof.Title, interested = bof.Interested, sessionId },
            slot = Slot(slot),
            previousSlot = was is null ? null : Slot(was),
            link = urls.Absolute($"/events/{e.Slug}/sessions/{sessionId}"),
        });

    public Task PublishCancelledInAsync(IDbConnection c, IDbTransaction tx, EventRow e, BofRow bof, BofSlotRow? was) =>
        webhooks.PublishAsync(c, tx, e.Id, WebhookEventTypes.BofCancelled, new
        {
            bof = new { id = bof.Id, title = bof.Title, interested = bof.Interested, sessionId = bof.SessionId },
            slot = was is null ? null : Slot(was),
        });

    /// <summary>After the booking commits.</summary>
    public void Kick() => webhooks.Kick();

    private static object Slot(BofSlotRow s) => new { id = s.Id, room = new { id = s.RoomId, name = s.RoomName }, startsAt = s.StartsAt, endsAt = s.EndsAt };
}
