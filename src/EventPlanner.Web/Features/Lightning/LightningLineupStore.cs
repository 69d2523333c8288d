using System.Data;
using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Features.Lightning.LightningSql;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// A lightning session's line-up as organisers shape it: the settings, running order, moves between sessions, the lock
/// (a locked line-up publishes at once through <see cref="LiveSchedule"/>) and speakers' slides, plus the reads the pages
/// and API show. Reads never write: an offer past its time shows as lapsed (<see cref="Lineup.AsSeenAt"/>) until the
/// sweep (<see cref="LightningExpiryJob"/> every minute, or the next write of that session) lapses it and offers the slot on.
/// </summary>
public sealed class LightningLineupStore(Db db, TimeProvider clock, Outbox outbox, LiveSchedule live, LightningWebhooks webhooks)
{
    // ---- reads ----

    /// <summary>Whether a talk of this event uploaded the slides file of that name (a file of another event's talk is not served here).</summary>
    public async Task<bool> HasSlidesAsync(long eventId, string name, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM lightning_talks WHERE event_id = @eventId AND slides_file = @name", new { eventId, name }) > 0;
    }

    public async Task<IReadOnlyList<LightningSessionRow>> ListAsync(EventRow e, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<LightningSessionRow>($"{SessionSelect} WHERE l.event_id = @Id ORDER BY s.starts_at, s.id", e)).AsList();
    }

    /// <summary>Sessions of kind lightning on the schedule that have no sign-up yet (for the organisers' set-up list).</summary>
    public async Task<IReadOnlyList<ScheduleSessionRef>> UnconfiguredAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ScheduleSessionRef>("""
            SELECT s.id, s.kind, s.title, s.duration_minutes, s.starts_at, s.is_cancelled FROM schedule_sessions s
            WHERE s.event_id = @eventId AND s.kind = 'lightning' AND s.is_cancelled = FALSE
              AND NOT EXISTS (SELECT 1 FROM lightning_sessions l WHERE l.session_id = s.id)
            ORDER BY s.starts_at, s.id
            """, new { eventId })).AsList();
    }

    /// <summary>The session and its talks as of now: a pure read (a GET lapses nothing and sends nothing; see <see cref="Lineup.AsSeenAt"/>).</summary>
    public async Task<Lineup?> LoadAsync(EventRow e, long sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await LoadInAsync(c, null, e.Id, sessionId))?.AsSeenAt(clock.GetUtcNow());
    }

    // ---- organisers: settings ----

    public async Task<WriteResult<long?>> ConfigureAsync(EventRow e, long sessionId, LightningSettingsInput input, Validator v, CancellationToken ct = default)
    {
        var published = false;
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            var s = await c.QuerySingleOrDefaultAsync<ScheduleSessionRef>(
                "SELECT id, kind, title, duration_minutes, starts_at, is_cancelled FROM schedule_sessions WHERE id = @sessionId AND event_id = @Id", new { sessionId, e.Id }, tx);
            if (s is null) return LightningWrites.NotFound;
            if (s.Kind != SessionKinds.Lightning)
            {
                v.Add("session", "Only a session of kind \"Lightning talks\" can take lightning sign-ups; change its kind on the schedule first.");
                return LightningWrites.Invalid(v);
            }
            var settings = LightningRules.Validate(input, e.Zone, s.DurationMinutes, now, s.StartsAt ?? now.AddDays(1), v);
            if (settings is null) return LightningWrites.Invalid(v);
            var existing = await LoadInAsync(c, tx, e.Id, sessionId);
            if (existing is not null)
            {
                var holding = existing.RunningOrder.Count;
                var slots = LightningRules.SlotCount(s.DurationMinutes, settings.SlotMinutes, settings.ChangeoverMinutes);
                if (holding > slots)
                {
                    v.Add("slotMinutes", $"{holding} talks hold slots, but these settings leave {slots}. Move or remove talks first.");
                    return LightningWrites.Conflict(v);
                }
            }
            await c.ExecuteAsync("""
                INSERT INTO lightning_sessions (session_id, event_id, slot_minutes, changeover_minutes, opens_at, closes_at, held_back, first_timer_priority,
                                                confirm_minutes, run_sheet_key, created_at, updated_at)
                VALUES (@sessionId, @eventId, @SlotMinutes, @ChangeoverMinutes, @OpensAt, @ClosesAt, @HeldBack, @FirstTimerPriority, @ConfirmMinutes, @key, @now, @now)
                ON CONFLICT (session_id) DO UPDATE SET slot_minutes = excluded.slot_minutes, changeover_minutes = excluded.changeover_minutes,
                    opens_at = excluded.opens_at, closes_at = excluded.closes_at, held_back = excluded.held_back,
                    first_timer_priority = excluded.first_timer_priority, confirm_minutes = excluded.confirm_minutes,
                    lineup_version = lightning_sessions.lineup_version + 1, updated_at = excluded.updated_at
                """, new
            {
                sessionId, eventId = e.Id, settings.SlotMinutes, settings.ChangeoverMinutes, settings.OpensAt, settings.ClosesAt, settings.HeldBack,
                settings.FirstTimerPriority, settings.ConfirmMinutes, key = NewKey(), now,
            }, tx);
            var lineup = (await LoadInAsync(c, tx, e.Id, sessionId))!;
            await FillInAsync(c, tx, notices, e, lineup, now);
            if (lineup.Session.IsLocked) published = await PublishAsync(live, c, tx, e, $"Lightning line-up changed: {lineup.Session.Title}");
            return LightningWrites.Done();
        }, ct);
        await AfterAsync(live, e, published, ct);
        return result;
    }

    // ---- speakers: slides ----

    /// <summary>Attach an uploaded PDF (already checked and stored) to the speaker's active talk; returns the file it replaced.</summary>
    public async Task<(WriteResult<long?> Write, string? Replaced)> SetSlidesFileAsync(EventRow e, long sessionId, long userId, string file, CancellationToken ct = default)
    {
        var published = false;
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            if (await LoadInAsync(c, tx, e.Id, sessionId) is not { } lineup || lineup.ActiveOf(userId) is not { } talk) return (LightningWrites.NotFound, null);
            await c.ExecuteAsync("UPDATE lightning_talks SET slides_file = @file, updated_at = @now WHERE id = @Id", new { talk.Id, file, now }, tx);
            await BumpAsync(c, tx, sessionId, now);
            if (lineup.Session.IsLocked && talk.HoldsSlot) published = await PublishAsync(live, c, tx, e, $"Lightning talk slides: {talk.Title}");
            return (LightningWrites.Done(talk.Id), talk.SlidesFile);
        }, ct);
        await AfterAsync(live, e, published, ct);
        return result;
    }

    // ---- organisers: running order, moves, lock ----

    public async Task<WriteResult<long?>> ReorderAsync(EventRow e, long sessionId, int version, IReadOnlyList<long> talkIds, Validator v, CancellationToken ct = default)
    {
        var published = false;
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, notices, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
            if (lineup.Session.LineupVersion != version)
            {
                v.Add("version", "The line-up changed since you loaded it. Look at it again and reorder from there.");
                return LightningWrites.Stale(v);
            }
            var order = lineup.RunningOrder.Select(t => t.Id).ToList();
            if (talkIds.Count != order.Count || talkIds.Distinct().Count() != talkIds.Count || talkIds.Except(order).Any())
            {
                v.Add("talkIds", $"List each of the {order.Count} talks of the running order exactly once.");
                return LightningWrites.Invalid(v);
            }
            for (var i = 0; i < talkIds.Count; i++)
            {
                await c.ExecuteAsync("UPDATE lightning_talks SET position = @position, updated_at = @now WHERE id = @id", new { id = talkIds[i], position = i + 1, now }, tx);
            }
            await BumpAsync(c, tx, sessionId, now);
            if (lineup.Session.IsLocked) published = await PublishAsync(live, c, tx, e, $"Lightning running order changed: {lineup.Session.Title}");
            return LightningWrites.Done();
        }, ct);
        await AfterAsync(live, e, published, ct);
        return result;
    }

    public async Task<WriteResult<long?>> MoveAsync(EventRow e, long sessionId, long talkId, long toSessionId, Validator v, CancellationToken ct = default)
    {
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, notices, e, sessionId, now) is not { } from || from.Find(talkId) is not { IsActive: true } talk) return LightningWrites.NotFound;
            if (await RefreshInAsync(c, tx, notices, e, toSessionId, now) is not { } to)
            {
                v.Add("toSessionId", "Choose another lightning session of this event.");
                return LightningWrites.Invalid(v);
            }
            var target = to.Session;
            var refusal = toSessionId == sessionId ? "The talk is already in this session."
                : from.Session.IsLocked || target.IsLocked ? "Unlock both line-ups before moving a talk between them."
                : !target.IsPlaced ? $"\"{target.Title}\" is not on the schedule."
                : target.EndsAt <= now ? $"\"{target.Title}\" is over."
                : to.ActiveOf(talk.UserId) is not null ? $"{talk.SpeakerName} already has a talk in \"{target.Title}\": one talk per person."
                : null;
            var (pool, _) = FreePoolForNewcomer(to, e.Zone, now);
            refusal ??= pool is null ? $"\"{target.Title}\" has no free slot." : null;
            if (refusal is not null) { v.Add("toSessionId", refusal); return LightningWrites.Conflict(v); }

            await c.ExecuteAsync("""
                UPDATE lightning_talks SET session_id = @toSessionId, status = 'confirmed', pool = @pool, offer_expires_at = NULL,
                    seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM lightning_talks WHERE session_id = @toSessionId),
                    position = (SELECT COALESCE(MAX(position), 0) + 1 FROM lightning_talks WHERE session_id = @toSessionId AND status IN ('confirmed', 'offered')),
                    updated_at = @now
                WHERE id = @talkId
                """, new { toSessionId, pool, talkId, now }, tx);
            await notices.AddAsync(c, tx, new NotificationRequest($"lightning-moved:{talkId}:{toSessionId}:{now.ToUnixTimeMilliseconds()}",
                LightningNotificationKinds.TalkMoved.Name, talk.UserId, e.Id, new Dictionary<string, string>
                {
                    ["talk_title"] = talk.Title, ["from_session"] = from.Session.Title, ["to_session"] = target.Title,
                    ["starts_at"] = $"{LightningRules.Describe(target.StartsAt!.Value, e.Zone)} ({e.TimeZone})",
                    ["session_link"] = $"/events/{e.Slug}/lightning/{toSessionId}",
                }));
            await BumpAsync(c, tx, sessionId, now);
            await BumpAsync(c, tx, toSessionId, now);
            await FillInAsync(c, tx, notices, e, (await LoadInAsync(c, tx, e.Id, sessionId))!, now);
            return LightningWrites.Done(talkId);
        }, ct);
        return result;
    }

    public async Task<WriteResult<long?>> LockAsync(EventRow e, long sessionId, bool locked, Validator v, CancellationToken ct = default)
    {
        var published = false;
        var lockedNow = false;
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, notices, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
            var s = lineup.Session;
            if (s.IsLocked == locked) return LightningWrites.Done();
            if (locked)
            {
                var offered = lineup.RunningOrder.FirstOrDefault(t => t.Status == TalkStatuses.Offered);
                var refusal = offered is not null
                    ? $"{offered.SpeakerName} has until {LightningRules.Describe(offered.OfferExpiresAt!.Value, e.Zone)} to confirm their slot; wait for them, or remove the offer, before locking."
                    : lineup.Confirmed.Count == 0 ? "Nobody is in the line-up yet." : null;
                if (refusal is not null) { v.Add("lock", refusal); return LightningWrites.Conflict(v); }
            }
            // Guarded, so two lock requests racing on an engine with more than one writer lock (and publish) once.
            var guard = locked ? "locked_at IS NULL" : "locked_at IS NOT NULL";
            if (await c.ExecuteAsync($"UPDATE lightning_sessions SET locked_at = @at, updated_at = @now WHERE session_id = @sessionId AND {guard}",
                    new { at = locked ? now : (DateTimeOffset?)null, now, sessionId }, tx) == 0) return LightningWrites.Done();
            await BumpAsync(c, tx, sessionId, now);
            if (!locked) await FillInAsync(c, tx, notices, e, (await LoadInAsync(c, tx, e.Id, sessionId))!, now);
            published = await PublishAsync(live, c, tx, e, $"Lightning line-up {(locked ? "locked" : "unlocked")}: {s.Title}");
            if (locked)
            {
                await webhooks.PublishLockedInAsync(c, tx, e, sessionId);
                lockedNow = true;
            }
            return LightningWrites.Done();
        }, ct);
        await AfterAsync(live, e, published, ct);
        if (lockedNow) webhooks.Kick();
        return result;
    }

    private static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
