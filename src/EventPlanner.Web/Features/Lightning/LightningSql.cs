using System.Data;
using Dapper;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// What the lightning stores share inside their transactions: the row selects, loading a session with its talks, the
/// version bump every change makes, and the queue's refresh (lapse offers past their time, offer free slots), which
/// every write runs first and the sweep runs alone.
/// </summary>
internal static class LightningSql
{
    internal const string SessionSelect = """
        SELECT l.session_id, l.event_id, s.title, s.abstract, s.duration_minutes, s.starts_at, s.room_id, r.name AS room_name, s.is_cancelled,
               l.slot_minutes, l.changeover_minutes, l.opens_at, l.closes_at, l.held_back, l.first_timer_priority, l.confirm_minutes, l.locked_at,
               l.lineup_version, l.current_talk_id, l.current_started_at, l.called_talk_id, l.called_at, l.run_sheet_key
        FROM lightning_sessions l JOIN schedule_sessions s ON s.id = l.session_id LEFT JOIN rooms r ON r.id = s.room_id
        """;

    internal const string TalkSelect = """
        SELECT t.id, t.session_id, t.event_id, t.user_id, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS speaker_name, t.title, t.description,
               t.slides_url, t.slides_file, t.status, t.pool, t.on_the_day, t.first_timer, t.seq, t.position, t.offer_expires_at, t.outcome, t.created_at
        FROM lightning_talks t JOIN users u ON u.id = t.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = t.user_id
        """;

    internal static async Task<Lineup?> LoadInAsync(IDbConnection c, IDbTransaction? tx, long eventId, long sessionId)
    {
        using var grid = await c.QueryMultipleAsync($"""
            {SessionSelect} WHERE l.session_id = @sessionId AND l.event_id = @eventId;
            {TalkSelect} WHERE t.session_id = @sessionId AND t.event_id = @eventId ORDER BY t.seq;
            """, new { sessionId, eventId }, tx);
        var session = await grid.ReadSingleOrDefaultAsync<LightningSessionRow>();
        var talks = (await grid.ReadAsync<TalkRow>()).AsList();
        return session is null ? null : new Lineup(session, talks);
    }

    // Lapse due offers (telling each person), then offer free slots to the queue; returns the session as it now is.
    internal static async Task<Lineup?> RefreshInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch notices, EventRow e, long sessionId, DateTimeOffset now)
    {
        if (await LoadInAsync(c, tx, e.Id, sessionId) is not { } lineup) return null;
        var due = lineup.OffersDueAt(now);
        foreach (var t in due)
        {
            await c.ExecuteAsync("UPDATE lightning_talks SET status = 'lapsed', pool = NULL, position = NULL, updated_at = @now WHERE id = @Id", new { t.Id, now }, tx);
            await notices.AddAsync(c, tx, new NotificationRequest($"lightning-lapsed:{t.Id}", LightningNotificationKinds.OfferLapsed.Name, t.UserId, e.Id,
                new Dictionary<string, string>
                {
                    ["session_title"] = lineup.Session.Title, ["talk_title"] = t.Title, ["session_link"] = $"/events/{e.Slug}/lightning/{sessionId}",
                }));
        }
        if (due.Count > 0)
        {
            await BumpAsync(c, tx, sessionId, now);
            lineup = (await LoadInAsync(c, tx, e.Id, sessionId))!;
        }
        return await FillInAsync(c, tx, notices, e, lineup, now) ? await LoadInAsync(c, tx, e.Id, sessionId) : lineup;
    }

    // Offers each free slot to the first eligible person waiting, who must confirm in time. Nothing moves while the
    // line-up is locked or once the session has begun. True when anything changed.
    internal static async Task<bool> FillInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch notices, EventRow e, Lineup lineup, DateTimeOffset now)
    {
        var s = lineup.Session;
        if (s.IsLocked || !s.IsPlaced || now >= s.StartsAt) return false;
        var isTheDay = now >= LightningRules.DayStart(s.StartsAt!.Value, e.Zone);
        var (openTaken, heldTaken) = Taken(lineup);
        var position = lineup.RunningOrder.Select(t => t.Position ?? 0).DefaultIfEmpty(0).Max();
        var expires = now.AddMinutes(s.ConfirmMinutes);
        if (expires > s.StartsAt) expires = s.StartsAt.Value;
        var changed = false;
        foreach (var t in lineup.Waitlist)
        {
            var pool = LightningRules.FreePool(s, openTaken, heldTaken, t.OnTheDay, isTheDay);
            if (pool is null) continue;
            if (pool == SlotPools.Open) openTaken++; else heldTaken++;
            await c.ExecuteAsync("""
                UPDATE lightning_talks SET status = 'offered', pool = @pool, position = @position, offer_expires_at = @expires, updated_at = @now WHERE id = @Id
                """, new { t.Id, pool, position = ++position, expires, now }, tx);
            await notices.AddAsync(c, tx, new NotificationRequest($"lightning-offer:{t.Id}", LightningNotificationKinds.SlotOffered.Name, t.UserId, e.Id,
                new Dictionary<string, string>
                {
                    ["session_title"] = s.Title, ["talk_title"] = t.Title,
                    ["starts_at"] = $"{LightningRules.Describe(s.StartsAt.Value, e.Zone)} ({e.TimeZone})",
                    ["confirm_by"] = $"{LightningRules.Describe(expires, e.Zone)} ({e.TimeZone})",
                    ["confirm_link"] = $"/events/{e.Slug}/lightning/{s.SessionId}",
                }));
            changed = true;
        }
        if (changed) await BumpAsync(c, tx, s.SessionId, now);
        return changed;
    }

    /// <summary>The pool a talk joining this line-up now would take a slot from (null: none free); on the session's day it may take a held-back slot.</summary>
    internal static (string? Pool, bool OnTheDay) FreePoolForNewcomer(Lineup lineup, TimeZoneInfo zone, DateTimeOffset now)
    {
        var onTheDay = lineup.Session.StartsAt is { } start && now >= LightningRules.DayStart(start, zone);
        var (openTaken, heldTaken) = Taken(lineup);
        return (LightningRules.FreePool(lineup.Session, openTaken, heldTaken, onTheDay, onTheDay), onTheDay);
    }

    internal static (int Open, int Held) Taken(Lineup lineup) =>
        (lineup.Talks.Count(t => t.HoldsSlot && t.Pool == SlotPools.Open), lineup.Talks.Count(t => t.HoldsSlot && t.Pool == SlotPools.Held));

    internal static Task BumpAsync(IDbConnection c, IDbTransaction tx, long sessionId, DateTimeOffset now) =>
        c.ExecuteAsync("UPDATE lightning_sessions SET lineup_version = lineup_version + 1, updated_at = @now WHERE session_id = @sessionId", new { sessionId, now }, tx);

    internal static async Task<bool> PublishAsync(LiveSchedule live, IDbConnection c, IDbTransaction tx, EventRow e, string reason) =>
        await live.PublishAsync(c, tx, e, reason) is not null;

    // After commit (the outbox has kicked delivery of what the transaction queued): refresh the published schedule when it changed.
    internal static async Task AfterAsync(LiveSchedule live, EventRow e, bool published, CancellationToken ct)
    {
        if (published) await live.AfterCommitAsync(e.Slug, ct);
    }

}
