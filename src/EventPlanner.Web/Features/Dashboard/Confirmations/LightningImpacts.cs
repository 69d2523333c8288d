using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Lightning;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What a speaker withdrawing a lightning talk, or an organiser removing one, touches, in words, from the counts Lightning
/// reads of its own tables (<see cref="LightningImpact"/>). Null: no such active talk.
/// </summary>
public sealed class LightningImpacts(Db db)
{
    public Task<Impact?> TalkAsync(long eventId, long sessionId, long? talkId, long? userId, CancellationToken ct = default) =>
        db.ReadAsync(c => TalkAsync(c, null, eventId, sessionId, talkId, userId), ct);

    public static async Task<Impact?> TalkAsync(IDbConnection c, IDbTransaction? tx, long eventId, long sessionId, long? talkId, long? userId)
    {
        var (title, holdsSlot, locked, waiting) = await LightningImpact.TalkAsync(c, tx, eventId, sessionId, talkId, userId);
        if (title is null) return null;
        var offered = holdsSlot && !locked && waiting > 0;
        return new Impact(title, [
            new("slot", holdsSlot ? 1 : 0, holdsSlot ? "It holds a slot in the running order: the slot is freed." : "It is on the waitlist: it simply leaves it."),
            new("locked", locked ? 1 : 0, locked ? "The line-up is locked." : "The line-up is not locked yet."),
            new("waitlist", waiting, offered
                ? $"{N(waiting, "other talk waits", "other talks wait")} on the waitlist: the first is offered the freed slot for a limited time."
                : $"{N(waiting, "other talk waits", "other talks wait")} on the waitlist."),
        ], holdsSlot && locked
            ? "The locked line-up is on the public schedule: it changes at once."
            : "Nothing on the public schedule changes.");
    }
}
