using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// Booking, moving and cancelling BoFs: first come, first served. Everything is decided inside one BEGIN IMMEDIATE
/// transaction (the slot still free, not started, nothing else in the room, no schedule error for the proposer as
/// speaker), and UNIQUE(bofs.slot_id) backs it up. The schedule row (source 'bof') is written and published in the
/// same transaction, and the interested people are told through the outbox.
/// </summary>
public sealed class BofBookings(Db db, TimeProvider clock, Outbox outbox, LiveSchedule live, AgendaStore agenda, BofWebhooks webhooks)
{
    /// <summary>Books a BoF into a slot, or moves it there when it is booked already. Organisers may book below the threshold.</summary>
    public async Task<WriteResult<BofRow>> BookAsync(EventRow e, long bofId, long slotId, long actorId, bool organiser, Validator v, CancellationToken ct = default)
    {
        List<long> star = [];
        WriteResult<BofRow> result;
        try
        {
            result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, batch) =>
            {
                if (await BofStore.FindAsync(c, tx, e.Id, bofId) is not { } bof) return WriteResult<BofRow>.NotFound;
                if (bof.ProposerUserId != actorId && !organiser) return BookingResults.NotYours();
                if (bof.IsCancelled) { v.Add("bof", "This BoF is cancelled."); return WriteResult<BofRow>.Invalid(v); }
                var threshold = await BofStore.ThresholdAsync(c, tx, e.Id);
                if (!organiser && !bof.IsBooked && bof.Interested < threshold)
                {
                    v.Add("slotId", $"A BoF can be booked once {threshold} people are interested; this one has {bof.Interested} so far.");
                    return WriteResult<BofRow>.Invalid(v);
                }
                var slots = await BofStore.SlotsAsync(c, tx, e.Id);
                if (slots.FirstOrDefault(s => s.Id == slotId) is not { } slot) { v.Add("slotId", "That is not one of this event's BoF slots."); return WriteResult<BofRow>.Invalid(v); }
                if (slot.Id == bof.SlotId) return WriteResult<BofRow>.Ok(bof);

                var now = clock.GetUtcNow();
                var proposer = new BofPerson { Id = bof.ProposerUserId, Name = bof.ProposerName };
                var board = await ScheduleQueries.LoadAsync(c, tx, e);
                var reasons = new List<string>();
                if (slot.StartsAt <= now) reasons.Add($"The slot {BofNotices.When(slot, e)} has already started: bookings close when a slot starts.");
                else if (slot.BofId is not null) reasons.Add($"\"{slot.BofTitle}\" booked that slot first.");
                else reasons.AddRange(BofRules.Problems(board, slot.RoomId, slot.StartsAt, slot.EndsAt, bof.SessionId, proposer, bof.Title));
                if (reasons.Count > 0) return BookingResults.Refused(reasons, BofRules.FreeSlots(board, slots, now, bof, proposer));

                var version = bof.Version + 1;
                await c.ExecuteAsync("UPDATE bofs SET slot_id = @slotId, version = @version, updated_at = @now WHERE id = @bofId", new { slotId, version, now, bofId }, tx);
                var sessionId = await PlaceSessionAsync(c, tx, e, bof, slot, now);
                var was = bof.SlotId is { } previous ? slots.First(s => s.Id == previous) : null;
                await live.PublishAsync(c, tx, e, $"BoF {(was is null ? "booked" : "moved")}: {bof.Title}");
                await webhooks.PublishBookedInAsync(c, tx, e, bof, sessionId, slot, was);

                star = (await c.QueryAsync<long>("SELECT user_id FROM bof_interest WHERE bof_id = @bofId", new { bofId }, tx)).AsList();
                foreach (var to in Recipients(star, bof, actorId))
                {
                    await batch.AddAsync(c, tx, was is null ? BofNotices.Booked(e, bof, version, slot, to) : BofNotices.Moved(e, bof, version, slot, was, to));
                }
                return WriteResult<BofRow>.Ok((await BofStore.FindAsync(c, tx, e.Id, bofId))! with { SessionId = sessionId });
            }, ct);
        }
        catch (Exception ex) when (DbErrors.IsUniqueViolation(ex, "bofs", "slot_id"))
        {
            // The checks above run under the write lock, so this is the constraint doing its backstop job.
            var (_, alternatives) = await AlternativesAsync(e, bofId, ct);
            return BookingResults.Refused(["Another BoF booked that slot first."], alternatives);
        }
        if (!result.IsOk) return result;
        await AfterCommitAsync(e, star, result.Value!.SessionId, ct);
        return result;
    }

    /// <summary>Cancels a BoF: its slot is free again at once, its session leaves the schedule, the interested are told.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run inside the transaction before anything is written; false cancels nothing (NotFound).</summary>
    public async Task<WriteResult<BofRow>> CancelAsync(EventRow e, long bofId, long actorId, bool organiser, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null)
    {
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, batch) =>
        {
            if (await BofStore.FindAsync(c, tx, e.Id, bofId) is not { } bof) return WriteResult<BofRow>.NotFound;
            if (bof.ProposerUserId != actorId && !organiser) return BookingResults.NotYours();
            if (bof.IsCancelled) return WriteResult<BofRow>.Ok(bof);
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return WriteResult<BofRow>.NotFound;
            var now = clock.GetUtcNow();
            var was = bof.SlotId is { } slotId ? (await BofStore.SlotsAsync(c, tx, e.Id)).First(s => s.Id == slotId) : null;
            await c.ExecuteAsync("UPDATE bofs SET is_cancelled = TRUE, slot_id = NULL, version = version + 1, updated_at = @now WHERE id = @bofId", new { now, bofId }, tx);
            if (bof.SessionId is { } sessionId)
            {
                await SessionWrites.CancelInAsync(c, tx, sessionId, now, SessionSources.Bof);
                await live.PublishAsync(c, tx, e, $"BoF cancelled: {bof.Title}");
                await webhooks.PublishCancelledInAsync(c, tx, e, bof, was);
            }
            var interested = (await c.QueryAsync<long>("SELECT user_id FROM bof_interest WHERE bof_id = @bofId", new { bofId }, tx)).AsList();
            foreach (var to in Recipients(interested, bof, actorId)) await batch.AddAsync(c, tx, BofNotices.Cancelled(e, bof, was, to));
            return WriteResult<BofRow>.Ok((await BofStore.FindAsync(c, tx, e.Id, bofId))!);
        }, ct);
        if (result.IsOk) await AfterCommitAsync(e, [], null, ct);
        return result;
    }

    /// <summary>The slots this BoF could be booked into now (for forms, and for a refused booking's answer).</summary>
    public async Task<(BofRow? Bof, IReadOnlyList<BofSlotRow> Free)> AlternativesAsync(EventRow e, long? bofId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var bof = bofId is { } id ? await BofStore.FindAsync(c, null, e.Id, id) : null;
        var board = await ScheduleQueries.LoadAsync(c, null, e);
        var slots = await BofStore.SlotsAsync(c, null, e.Id);
        var speaker = bof is null ? null : new BofPerson { Id = bof.ProposerUserId, Name = bof.ProposerName };
        return (bof, BofRules.FreeSlots(board, slots, clock.GetUtcNow(), bof, speaker));
    }

    /// <summary>For pages: each given BoF's bookable slots, worked out on one board load.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<BofSlotRow>>> FreeSlotsAsync(EventRow e, IReadOnlyList<BofRow> bofs, CancellationToken ct = default)
    {
        if (bofs.Count == 0) return new Dictionary<long, IReadOnlyList<BofSlotRow>>();
        await using var c = await db.OpenAsync(ct);
        var board = await ScheduleQueries.LoadAsync(c, null, e);
        var slots = await BofStore.SlotsAsync(c, null, e.Id);
        var now = clock.GetUtcNow();
        return bofs.ToDictionary(b => b.Id, b => BofRules.FreeSlots(board, slots, now, b, new BofPerson { Id = b.ProposerUserId, Name = b.ProposerName }));
    }

    // The interested hear about it; so does the proposer when an organiser acted for them.
    private static IEnumerable<long> Recipients(IEnumerable<long> interested, BofRow bof, long actorId) =>
        actorId == bof.ProposerUserId ? interested : interested.Append(bof.ProposerUserId).Distinct();

    // The BoF's schedule row: made at the first booking, moved (and revived) afterwards, so its id and guid never change.
    private static async Task<long> PlaceSessionAsync(IDbConnection c, IDbTransaction tx, EventRow e, BofRow bof, BofSlotRow slot, DateTimeOffset now)
    {
        var session = new PlacedSession(e.Id, SessionKinds.Other, bof.Title, bof.Description, null, slot.Minutes, bof.Interested + 1, slot.RoomId,
            slot.StartsAt, SessionSources.Bof);
        // A move keeps whatever kind and track an organiser gave the session on the board.
        if (bof.SessionId is { } existing && await SessionWrites.ReviseInAsync(c, tx, existing, session, now, withKindAndTrack: false)) return existing;
        var id = await SessionWrites.CreateInAsync(c, tx, session, now);
        await SessionWrites.SetSpeakersInAsync(c, tx, id, [bof.ProposerUserId]);
        // Distinct parameter names: Npgsql matches @id and @Id without regard to case, SQLite does not.
        await c.ExecuteAsync("UPDATE bofs SET session_id = @sessionId WHERE id = @bofId", new { sessionId = id, bofId = bof.Id }, tx);
        return id;
    }

    // The outbox has kicked mail delivery at the commit already.
    private async Task AfterCommitAsync(EventRow e, IReadOnlyList<long> star, long? sessionId, CancellationToken ct)
    {
        await live.AfterCommitAsync(e.Slug, ct);
        webhooks.Kick();
        // Interest means "I want to be there": the booked BoF joins each interested person's agenda.
        if (sessionId is { } id) foreach (var userId in star) await agenda.StarAsync(userId, e.Id, id, ct);
    }
}
