using System.Data;
using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;


/// <summary>
/// Lightning sessions and their queue. Every write is one BEGIN IMMEDIATE transaction that first brings the session
/// up to date (offers past their time lapse, free slots go to the next in the queue), then checks and writes, so the
/// slot count holds under any number of simultaneous sign-ups and arrival order is the order the server serialised
/// them in. Changes to a locked line-up publish at once through <see cref="LiveSchedule"/>.
/// </summary>
public sealed class LightningStore(Db db, TimeProvider clock, Outbox outbox, LiveSchedule live, LightningWebhooks webhooks)
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
        await SweepAsync(e, null, ct);
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

    /// <summary>The session and its talks, after lapsing offers that are past their time (so a read with a moved clock sees the chain move on).</summary>
    public async Task<Lineup?> LoadAsync(EventRow e, long sessionId, CancellationToken ct = default)
    {
        await SweepAsync(e, sessionId, ct);
        await using var c = await db.OpenAsync(ct);
        return await LoadInAsync(c, null, e.Id, sessionId);
    }

    /// <summary>The line-up version only: what the run sheet polls.</summary>
    public async Task<int?> VersionAsync(EventRow e, long sessionId, CancellationToken ct = default)
    {
        await SweepAsync(e, sessionId, ct);
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int?>("SELECT lineup_version FROM lightning_sessions WHERE session_id = @sessionId AND event_id = @Id",
            new { sessionId, e.Id });
    }

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

    // ---- organisers: settings ----

    public async Task<WriteResult<long?>> ConfigureAsync(EventRow e, long sessionId, LightningSettingsInput input, Validator v, CancellationToken ct = default)
    {
        var published = false;
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
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
            await FillInAsync(c, tx, e, lineup, now);
            if (lineup.Session.IsLocked) published = await PublishAsync(c, tx, e, $"Lightning line-up changed: {lineup.Session.Title}");
            return LightningWrites.Done();
        }, ct);
        await AfterAsync(e, published, ct);
        return result;
    }

    // ---- speakers: sign up, confirm, withdraw, slides ----

    public async Task<WriteResult<long?>> SignUpAsync(EventRow e, long sessionId, long userId, SignUpValues values, Validator v, CancellationToken ct = default)
    {
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
            var s = lineup.Session;
            var refusal = !s.IsPlaced ? "This lightning session is not on the schedule at the moment."
                : s.IsLocked ? "The line-up is locked, so sign-up is closed."
                : now < s.OpensAt ? $"Sign-up opens {LightningRules.Describe(s.OpensAt, e.Zone)} ({e.TimeZone})."
                : now >= s.ClosesAt ? "Sign-up has closed."
                : lineup.ActiveOf(userId) is { } mine ? $"You already have a talk in this session (\"{mine.Title}\"): one talk per person."
                : null;
            if (refusal is not null) { v.Add("session", refusal); return LightningWrites.Conflict(v); }

            var onTheDay = now >= LightningRules.DayStart(s.StartsAt!.Value, e.Zone);
            var (openTaken, heldTaken) = Taken(lineup);
            var pool = LightningRules.FreePool(s, openTaken, heldTaken, onTheDay, onTheDay);
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
        outbox.Kick();
        return result;
    }

    public async Task<WriteResult<long?>> ConfirmAsync(EventRow e, long sessionId, long userId, Validator v, CancellationToken ct = default)
    {
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
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
        outbox.Kick();
        return result;
    }

    /// <summary>The speaker withdraws (talkId null: their own active talk) or an organiser removes a talk.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false changes nothing (NotFound).</summary>
    public async Task<WriteResult<long?>> WithdrawAsync(EventRow e, long sessionId, long? userId, long? talkId, Validator v, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null)
    {
        var published = false;
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return LightningWrites.NotFound;
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
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
            if (s.IsLocked && talk.HoldsSlot) published = await PublishAsync(c, tx, e, $"Lightning talk withdrawn: {talk.Title}");
            else await FillInAsync(c, tx, e, (await LoadInAsync(c, tx, e.Id, sessionId))!, now);
            return LightningWrites.Done(talk.Id);
        }, ct);
        await AfterAsync(e, published, ct);
        return result;
    }

    /// <summary>Attach an uploaded PDF (already checked and stored) to the speaker's active talk; returns the file it replaced.</summary>
    public async Task<(WriteResult<long?> Write, string? Replaced)> SetSlidesFileAsync(EventRow e, long sessionId, long userId, string file, CancellationToken ct = default)
    {
        var published = false;
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await LoadInAsync(c, tx, e.Id, sessionId) is not { } lineup || lineup.ActiveOf(userId) is not { } talk) return (LightningWrites.NotFound, null);
            await c.ExecuteAsync("UPDATE lightning_talks SET slides_file = @file, updated_at = @now WHERE id = @Id", new { talk.Id, file, now }, tx);
            await BumpAsync(c, tx, sessionId, now);
            if (lineup.Session.IsLocked && talk.HoldsSlot) published = await PublishAsync(c, tx, e, $"Lightning talk slides: {talk.Title}");
            return (LightningWrites.Done(talk.Id), talk.SlidesFile);
        }, ct);
        await AfterAsync(e, published, ct);
        return result;
    }

    // ---- organisers: running order, moves, lock, outcomes ----

    public async Task<WriteResult<long?>> ReorderAsync(EventRow e, long sessionId, int version, IReadOnlyList<long> talkIds, Validator v, CancellationToken ct = default)
    {
        var published = false;
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
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
            if (lineup.Session.IsLocked) published = await PublishAsync(c, tx, e, $"Lightning running order changed: {lineup.Session.Title}");
            return LightningWrites.Done();
        }, ct);
        await AfterAsync(e, published, ct);
        return result;
    }

    public async Task<WriteResult<long?>> MoveAsync(EventRow e, long sessionId, long talkId, long toSessionId, Validator v, CancellationToken ct = default)
    {
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, e, sessionId, now) is not { } from || from.Find(talkId) is not { IsActive: true } talk) return LightningWrites.NotFound;
            if (await RefreshInAsync(c, tx, e, toSessionId, now) is not { } to)
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
            var isTheDay = target.StartsAt is { } st && now >= LightningRules.DayStart(st, e.Zone);
            var (openTaken, heldTaken) = Taken(to);
            var pool = LightningRules.FreePool(target, openTaken, heldTaken, isTheDay, isTheDay);
            refusal ??= pool is null ? $"\"{target.Title}\" has no free slot." : null;
            if (refusal is not null) { v.Add("toSessionId", refusal); return LightningWrites.Conflict(v); }

            await c.ExecuteAsync("""
                UPDATE lightning_talks SET session_id = @toSessionId, status = 'confirmed', pool = @pool, offer_expires_at = NULL,
                    seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM lightning_talks WHERE session_id = @toSessionId),
                    position = (SELECT COALESCE(MAX(position), 0) + 1 FROM lightning_talks WHERE session_id = @toSessionId AND status IN ('confirmed', 'offered')),
                    updated_at = @now
                WHERE id = @talkId
                """, new { toSessionId, pool, talkId, now }, tx);
            await outbox.EnqueueAsync(c, tx, new NotificationRequest($"lightning-moved:{talkId}:{toSessionId}:{now.ToUnixTimeMilliseconds()}",
                LightningNotificationKinds.TalkMoved.Name, talk.UserId, e.Id, new Dictionary<string, string>
                {
                    ["talk_title"] = talk.Title, ["from_session"] = from.Session.Title, ["to_session"] = target.Title,
                    ["starts_at"] = $"{LightningRules.Describe(target.StartsAt!.Value, e.Zone)} ({e.TimeZone})",
                    ["session_link"] = $"/events/{e.Slug}/lightning/{toSessionId}",
                }));
            await BumpAsync(c, tx, sessionId, now);
            await BumpAsync(c, tx, toSessionId, now);
            await FillInAsync(c, tx, e, (await LoadInAsync(c, tx, e.Id, sessionId))!, now);
            return LightningWrites.Done(talkId);
        }, ct);
        if (result.IsOk) outbox.Kick();
        return result;
    }

    public async Task<WriteResult<long?>> LockAsync(EventRow e, long sessionId, bool locked, Validator v, CancellationToken ct = default)
    {
        var published = false;
        var lockedNow = false;
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, e, sessionId, now) is not { } lineup) return LightningWrites.NotFound;
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
            if (!locked) await FillInAsync(c, tx, e, (await LoadInAsync(c, tx, e.Id, sessionId))!, now);
            published = await PublishAsync(c, tx, e, $"Lightning line-up {(locked ? "locked" : "unlocked")}: {s.Title}");
            if (locked)
            {
                await webhooks.PublishLockedInAsync(c, tx, e, sessionId);
                lockedNow = true;
            }
            return LightningWrites.Done();
        }, ct);
        await AfterAsync(e, published, ct);
        if (lockedNow) webhooks.Kick();
        return result;
    }

    public Task<WriteResult<long?>> SetOutcomeAsync(EventRow e, long sessionId, long talkId, string? outcome, Validator v, CancellationToken ct = default) =>
        WithConfirmedTalkAsync(e, sessionId, talkId, v, "outcome", "Only a confirmed talk can be given or missed.", async (c, tx, lineup, talk, now) =>
        {
            if (now < lineup.Session.StartsAt) { v.Add("outcome", "Mark talks given or no-show once the session has started."); return LightningWrites.Conflict(v); }
            await c.ExecuteAsync("UPDATE lightning_talks SET outcome = @outcome, updated_at = @now WHERE id = @talkId", new { outcome, now, talkId }, tx);
            return null;
        }, ct);

    // ---- run sheet ----

    /// <summary>The MC starts a talk (its countdown runs from now); the talk that was on is marked given if nobody said otherwise.</summary>
    public Task<WriteResult<long?>> StartTalkAsync(EventRow e, long sessionId, long talkId, Validator v, CancellationToken ct = default) =>
        WithConfirmedTalkAsync(e, sessionId, talkId, v, "talkId", "Only a confirmed talk can start.", async (c, tx, lineup, talk, now) =>
        {
            if (lineup.Session.CurrentTalkId is { } previous && previous != talkId && now >= lineup.Session.StartsAt)
            {
                await c.ExecuteAsync("UPDATE lightning_talks SET outcome = 'given', updated_at = @now WHERE id = @previous AND status = 'confirmed' AND outcome IS NULL",
                    new { previous, now }, tx);
            }
            await c.ExecuteAsync("UPDATE lightning_sessions SET current_talk_id = @talkId, current_started_at = @now WHERE session_id = @sessionId",
                new { talkId, now, sessionId }, tx);
            return null;
        }, ct);

    /// <summary>The MC calls a speaker to the stage: shown on the run sheet and sent to them (in-app and mail).</summary>
    public Task<WriteResult<long?>> CallAsync(EventRow e, long sessionId, long talkId, Validator v, CancellationToken ct = default) =>
        WithConfirmedTalkAsync(e, sessionId, talkId, v, "talkId", "Only a confirmed speaker can be called.", async (c, tx, lineup, talk, now) =>
        {
            await c.ExecuteAsync("UPDATE lightning_sessions SET called_talk_id = @talkId, called_at = @now WHERE session_id = @sessionId",
                new { talkId, now, sessionId }, tx);
            await outbox.EnqueueAsync(c, tx, new NotificationRequest($"lightning-call:{talkId}:{now.ToUnixTimeMilliseconds()}",
                LightningNotificationKinds.NextUp.Name, talk.UserId, e.Id, new Dictionary<string, string>
                {
                    ["session_title"] = lineup.Session.Title, ["talk_title"] = talk.Title, ["room"] = lineup.Session.RoomName ?? "",
                }));
            return null;
        }, ct);

    /// <summary>
    /// One write on one confirmed talk of a session: the line-up refreshed (lapsed offers, filled slots) and the talk found
    /// and confirmed, then <paramref name="change"/> (null to go on, or a refusal), the session's version bumped, and the
    /// outbox kicked after commit (the refresh may have queued offers even when the change is refused).
    /// </summary>
    private async Task<WriteResult<long?>> WithConfirmedTalkAsync(EventRow e, long sessionId, long talkId, Validator v, string field, string notConfirmed,
        Func<IDbConnection, IDbTransaction, Lineup, TalkRow, DateTimeOffset, Task<WriteResult<long?>?>> change, CancellationToken ct)
    {
        var result = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, e, sessionId, now) is not { } lineup || lineup.Find(talkId) is not { } talk) return LightningWrites.NotFound;
            if (talk.Status != TalkStatuses.Confirmed) { v.Add(field, notConfirmed); return LightningWrites.Conflict(v); }
            if (await change(c, tx, lineup, talk, now) is { } refused) return refused;
            await BumpAsync(c, tx, sessionId, now);
            return LightningWrites.Done(talkId);
        }, ct);
        outbox.Kick();
        return result;
    }

    // ---- the queue ----

    /// <summary>Lapses offers past their time and fills free slots, for one session or (sessionId null) every session of the event that needs it.</summary>
    public async Task<int> SweepAsync(EventRow e, long? sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<long> due;
        await using (var c = await db.OpenAsync(ct))
        {
            due = (await c.QueryAsync<long>("""
                SELECT DISTINCT session_id FROM lightning_talks
                WHERE event_id = @eventId AND status = 'offered' AND offer_expires_at <= @now AND (@sessionId IS NULL OR session_id = @sessionId)
                """, new { eventId = e.Id, now, sessionId })).AsList();
        }
        foreach (var id in due)
        {
            await db.WriteLockedAsync(e.Id, async (c, tx) =>
            {
                // the queue is read then rewritten: one writer per event on PostgreSQL
                return await RefreshInAsync(c, tx, e, id, clock.GetUtcNow());
            }, ct);
        }
        if (due.Count > 0) outbox.Kick();
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

    // Lapse due offers (telling each person), then offer free slots to the queue; returns the session as it now is.
    private async Task<Lineup?> RefreshInAsync(IDbConnection c, IDbTransaction tx, EventRow e, long sessionId, DateTimeOffset now)
    {
        if (await LoadInAsync(c, tx, e.Id, sessionId) is not { } lineup) return null;
        var due = lineup.Talks.Where(t => t.Status == TalkStatuses.Offered && t.OfferExpiresAt <= now).ToList();
        foreach (var t in due)
        {
            await c.ExecuteAsync("UPDATE lightning_talks SET status = 'lapsed', pool = NULL, position = NULL, updated_at = @now WHERE id = @Id", new { t.Id, now }, tx);
            await outbox.EnqueueAsync(c, tx, new NotificationRequest($"lightning-lapsed:{t.Id}", LightningNotificationKinds.OfferLapsed.Name, t.UserId, e.Id,
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
        return await FillInAsync(c, tx, e, lineup, now) ? await LoadInAsync(c, tx, e.Id, sessionId) : lineup;
    }

    // Offers each free slot to the first eligible person waiting, who must confirm in time. Nothing moves while the
    // line-up is locked or once the session has begun. True when anything changed.
    private async Task<bool> FillInAsync(IDbConnection c, IDbTransaction tx, EventRow e, Lineup lineup, DateTimeOffset now)
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
            await outbox.EnqueueAsync(c, tx, new NotificationRequest($"lightning-offer:{t.Id}", LightningNotificationKinds.SlotOffered.Name, t.UserId, e.Id,
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

    private static (int Open, int Held) Taken(Lineup lineup) =>
        (lineup.Talks.Count(t => t.HoldsSlot && t.Pool == SlotPools.Open), lineup.Talks.Count(t => t.HoldsSlot && t.Pool == SlotPools.Held));

    private static Task BumpAsync(IDbConnection c, IDbTransaction tx, long sessionId, DateTimeOffset now) =>
        c.ExecuteAsync("UPDATE lightning_sessions SET lineup_version = lineup_version + 1, updated_at = @now WHERE session_id = @sessionId", new { sessionId, now }, tx);

    private async Task<bool> PublishAsync(IDbConnection c, IDbTransaction tx, EventRow e, string reason) =>
        await live.PublishAsync(c, tx, e, reason) is not null;

    private async Task AfterAsync(EventRow e, bool published, CancellationToken ct)
    {
        outbox.Kick();
        if (published) await live.AfterCommitAsync(e.Slug, ct);
    }

    private static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
