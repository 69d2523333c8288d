using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Features.Lightning.LightningSql;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// The lightning sign-up queue: sign-up, confirming an offered slot, withdrawal (or an organiser's removal), and the sweep
/// that lapses offers past their time and offers free slots to the next person waiting. Every write is one event-locked
/// transaction that first brings the session up to date (<see cref="LightningSql.RefreshInAsync"/>), then checks and
/// writes, so the slot count holds under any number of simultaneous sign-ups and arrival order is the order the server
/// serialised them in. Nothing here runs on a read: the sweep runs from <see cref="LightningExpiryJob"/> and inside writes.
/// </summary>
public sealed class LightningQueueStore(Db db, TimeProvider clock, Outbox outbox, LiveSchedule live)
{
    public async Task<WriteResult<long?>> SignUpAsync(EventRow e, long sessionId, long userId, SignUpValues values, Validator v, CancellationToken ct = default)
    {
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, notices, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
            var s = lineup.Session;
            var refusal = !s.IsPlaced ? "This lightning session is not on the schedule at the moment."
                : s.IsLocked ? "The line-up is locked, so sign-up is closed."
                : now < s.OpensAt ? $"Sign-up opens {LightningRules.Describe(s.OpensAt, e.Zone)} ({e.TimeZone})."
                : now >= s.ClosesAt ? "Sign-up has closed."
                : lineup.ActiveOf(userId) is { } mine ? $"You already have a talk in this session (\"{mine.Title}\"): one talk per person."
                : null;
            if (refusal is not null) { v.Add("session", refusal); return LightningWrites.Conflict(v); }

            var (pool, onTheDay) = FreePoolForNewcomer(lineup, e.Zone, now);
            var firstTimer = await c.ExecuteScalarAsync<bool>("""
                SELECT NOT EXISTS (SELECT 1 FROM schedule_session_speakers WHERE user_id = @userId)
                   AND NOT EXISTS (SELECT 1 FROM lightning_talks WHERE user_id = @userId AND outcome = 'given')
                """, new { userId }, tx);
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO lightning_talks (session_id, event_id, user_id, title, description, slides_url, status, pool, on_the_day, first_timer, seq, position,
                                             created_at, updated_at)
                VALUES (@sessionId, @eventId, @userId, @Title, @Description, @SlidesUrl, @status, @pool, @onTheDay, @firstTimer,
                        (SELECT COALESCE(MAX(seq), 0) + 1 FROM lightning_talks WHERE session_id = @sessionId),
                        CASE WHEN @pool IS NULL THEN NULL ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM lightning_talks WHERE session_id = @sessionId AND status IN ('confirmed', 'offered')) END,
                        @now, @now)
                RETURNING id
                """, new
            {
                sessionId, eventId = e.Id, userId, values.Title, values.Description, values.SlidesUrl,
                status = pool is null ? TalkStatuses.Waitlisted : TalkStatuses.Confirmed, pool, onTheDay, firstTimer, now,
            }, tx);
            await BumpAsync(c, tx, sessionId, now);
            return LightningWrites.Done(id);
        }, ct);
        return result;
    }

    public async Task<WriteResult<long?>> ConfirmAsync(EventRow e, long sessionId, long userId, Validator v, CancellationToken ct = default)
    {
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, notices, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
            if (lineup.ActiveOf(userId) is not { } talk)
            {
                var lapsed = lineup.Talks.Where(t => t.UserId == userId).OrderByDescending(t => t.Seq).FirstOrDefault()?.Status == TalkStatuses.Lapsed;
                v.Add("talk", lapsed ? "The time to confirm has passed, so the slot went to the next person waiting." : "You have no talk in this session.");
                return lapsed ? LightningWrites.Conflict(v) : LightningWrites.NotFound;
            }
            if (talk.Status == TalkStatuses.Confirmed) return LightningWrites.Done(talk.Id);
            if (talk.Status != TalkStatuses.Offered)
            {
                v.Add("talk", "Your talk is on the waitlist: there is no slot to confirm yet.");
                return LightningWrites.Conflict(v);
            }
            await c.ExecuteAsync("UPDATE lightning_talks SET status = 'confirmed', offer_expires_at = NULL, updated_at = @now WHERE id = @Id",
                new { talk.Id, now }, tx);
            await BumpAsync(c, tx, sessionId, now);
            return LightningWrites.Done(talk.Id);
        }, ct);
        return result;
    }

    /// <summary>The speaker withdraws (talkId null: their own active talk) or an organiser removes a talk.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false changes nothing (NotFound).</summary>
    public async Task<WriteResult<long?>> WithdrawAsync(EventRow e, long sessionId, long? userId, long? talkId, Validator v, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null)
    {
        var published = false;
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return LightningWrites.NotFound;
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, notices, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
            var talk = talkId is { } id ? lineup.Find(id) : userId is { } u ? lineup.ActiveOf(u) : null;
            if (talk is null || !talk.IsActive || (talkId is not null && userId is not null && talk.UserId != userId)) return LightningWrites.NotFound;
            var s = lineup.Session;
            if (s.EndsAt is { } end && now >= end)
            {
                v.Add("talk", "The session is over; mark the talk given or no-show instead.");
                return LightningWrites.Conflict(v);
            }
            await c.ExecuteAsync("""
                UPDATE lightning_talks SET status = @status, pool = NULL, position = NULL, offer_expires_at = NULL, updated_at = @now WHERE id = @Id
                """, new { talk.Id, status = userId is null ? TalkStatuses.Removed : TalkStatuses.Withdrawn, now }, tx);
            await c.ExecuteAsync("""
                UPDATE lightning_sessions SET current_talk_id = CASE WHEN current_talk_id = @Id THEN NULL ELSE current_talk_id END,
                    current_started_at = CASE WHEN current_talk_id = @Id THEN NULL ELSE current_started_at END WHERE session_id = @sessionId
                """, new { talk.Id, sessionId }, tx);
            await BumpAsync(c, tx, sessionId, now);
            if (s.IsLocked && talk.HoldsSlot) published = await PublishAsync(live, c, tx, e, $"Lightning talk withdrawn: {talk.Title}");
            else await FillInAsync(c, tx, notices, e, (await LoadInAsync(c, tx, e.Id, sessionId))!, now);
            return LightningWrites.Done(talk.Id);
        }, ct);
        await AfterAsync(live, e, published, ct);
        return result;
    }

    // ---- the sweep ----

    /// <summary>Lapses offers past their time and fills free slots, in every session of the event that needs it (the recurring job's work; a write refreshes its own session in its transaction).</summary>
    public async Task<int> SweepAsync(EventRow e, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<long> due;
        await using (var c = await db.OpenAsync(ct))
        {
            due = (await c.QueryAsync<long>("""
                SELECT DISTINCT session_id FROM lightning_talks
                WHERE event_id = @eventId AND status = 'offered' AND offer_expires_at <= @now
                """, new { eventId = e.Id, now })).AsList();
        }
        foreach (var id in due)
        {
            await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
            {
                // the queue is read then rewritten: one writer per event on PostgreSQL
                return await RefreshInAsync(c, tx, notices, e, id, clock.GetUtcNow());
            }, ct);
        }
        return due.Count;
    }

    /// <summary>Slugs of events with offers past their time: the recurring job's work list.</summary>
    public async Task<IReadOnlyList<string>> EventsWithDueOffersAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>("""
            SELECT DISTINCT e.slug FROM lightning_talks t JOIN events e ON e.id = t.event_id WHERE t.status = 'offered' AND t.offer_expires_at <= @now
            """, new { now = clock.GetUtcNow() })).AsList();
    }
}
