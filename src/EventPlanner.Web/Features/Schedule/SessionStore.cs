using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>A versioned session write refused as stale is a conflict whose details are the session as it is now.</summary>
public static class SessionWriteResults
{
    public const string StaleTitle = "Someone else changed this session first";

    /// <summary>The session written, or on a stale write the one that is there now.</summary>
    public static SessionRow? Session(this WriteResult<SessionRow> write) => write.Value ?? write.Details as SessionRow;

    internal static WriteResult<SessionRow> Stale(SessionRow now) => WriteResult<SessionRow>.Conflict(StaleTitle, null, details: now);
}

/// <summary>
/// Sessions and their placement. Every change names the version it was based on and bumps it in the same
/// UPDATE, so two organisers moving the same session cannot overwrite each other: the second one is told.
/// Reads only the proposals (never writes them): a confirmed proposal becomes at most one session.
/// </summary>
public sealed class SessionStore(Db db, TimeProvider clock)
{
    /// <summary>Creates a session for each confirmed proposal that has none yet; running it again adds nothing.</summary>
    public Task<int> CreateFromConfirmedAsync(long eventId, CancellationToken ct = default) =>
        db.WriteLockedAsync(eventId, async (c, tx) =>
        {
            var proposals = (await c.QueryAsync<(long Id, string Title, string Abstract, string Description, string Language, int? Duration, string Durations, string TypeName, long? TrackId)>("""
                SELECT p.id, p.title, p.abstract, p.description, p.language, p.duration_minutes, t.durations, t.name,
                       (SELECT pt.track_id FROM proposal_tracks pt WHERE pt.proposal_id = p.id ORDER BY pt.preference LIMIT 1)
                FROM proposals p JOIN session_types t ON t.id = p.session_type_id
                WHERE p.event_id = @eventId AND p.state = @confirmed
                  AND NOT EXISTS (SELECT 1 FROM schedule_sessions s WHERE s.proposal_id = p.id)
                ORDER BY p.id
                """, new { eventId, confirmed = ProposalStates.Confirmed }, tx)).AsList();
            var now = clock.GetUtcNow();
            foreach (var p in proposals)
            {
                var duration = p.Duration ?? SessionTypeRules.ParseDurations(p.Durations).FirstOrDefault(30);
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO schedule_sessions (event_id, guid, proposal_id, kind, title, abstract, description, language, track_id,
                                                   duration_minutes, created_at, updated_at)
                    VALUES (@eventId, @guid, @Id, @kind, @Title, @Abstract, @Description, @Language, @TrackId, @duration, @now, @now)
                    RETURNING id
                    """, new { eventId, guid = Guid.NewGuid().ToString(), p.Id, kind = SessionKinds.FromSessionType(p.TypeName), p.Title, p.Abstract,
                    p.Description, p.Language, p.TrackId, duration = Math.Clamp(duration, 5, 720), now }, tx);
                await c.ExecuteAsync("""
                    INSERT INTO schedule_session_speakers (session_id, user_id, sort_order)
                    SELECT @id, ps.user_id, ROW_NUMBER() OVER (ORDER BY ps.is_owner DESC, ps.joined_at, ps.user_id)
                    FROM proposal_speakers ps WHERE ps.proposal_id = @proposalId
                    """, new { id, proposalId = p.Id }, tx);
            }
            return proposals.Count;
        }, ct);

    public Task<SessionRow?> CreateAsync(long eventId, SessionValues values, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var speakers = await SpeakerIdsAsync(c, tx, values.SpeakerEmails ?? [], v);
            if (!await TrackBelongsAsync(c, tx, eventId, values.TrackId, v) || speakers is null) return null;
            var now = clock.GetUtcNow();
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO schedule_sessions (event_id, guid, kind, title, abstract, description, language, track_id, duration_minutes,
                                               expected_audience, is_cancelled, created_at, updated_at)
                VALUES (@eventId, @guid, @Kind, @Title, @Abstract, @Description, @Language, @TrackId, @DurationMinutes,
                        @ExpectedAudience, @IsCancelled, @now, @now)
                RETURNING id
                """, new { eventId, guid = Guid.NewGuid().ToString(), values.Kind, values.Title, values.Abstract, values.Description, values.Language,
                values.TrackId, values.DurationMinutes, values.ExpectedAudience, values.IsCancelled, now }, tx);
            await SetSpeakersAsync(c, tx, id, speakers);
            return await ScheduleQueries.FindSessionAsync(c, tx, eventId, id);
        }, ct);

    /// <summary>Edits a session's details; speakers change only when the values name them.</summary>
    public Task<WriteResult<SessionRow>> UpdateAsync(long eventId, long id, int version, SessionValues values, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var speakers = values.SpeakerEmails is null ? null : await SpeakerIdsAsync(c, tx, values.SpeakerEmails, v);
            if (!await TrackBelongsAsync(c, tx, eventId, values.TrackId, v) || v.HasErrors) return WriteResult<SessionRow>.Invalid(v);
            var changed = await c.ExecuteAsync("""
                UPDATE schedule_sessions SET kind = @Kind, title = @Title, abstract = @Abstract, description = @Description, language = @Language,
                       track_id = @TrackId, duration_minutes = @DurationMinutes, expected_audience = @ExpectedAudience, is_cancelled = @IsCancelled,
                       version = version + 1, updated_at = @now
                WHERE id = @id AND event_id = @eventId AND version = @version
                """, new { id, eventId, version, values.Kind, values.Title, values.Abstract, values.Description, values.Language, values.TrackId,
                values.DurationMinutes, values.ExpectedAudience, values.IsCancelled, now = clock.GetUtcNow() }, tx);
            if (changed == 1 && speakers is not null) await SetSpeakersAsync(c, tx, id, speakers);
            return await OutcomeAsync(c, tx, eventId, id, changed);
        }, ct);

    /// <summary>Puts a session in a room at a time (or, with null, back in the unscheduled list) in one UPDATE.</summary>
    public Task<WriteResult<SessionRow>> PlaceAsync(long eventId, long id, int version, Placement? placement, Validator v, CancellationToken ct = default) =>
        db.WriteLockedAsync(eventId, async (c, tx) =>
        {
            if (placement is not null && !await c.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM rooms WHERE id = @RoomId AND event_id = @eventId)", new { placement.RoomId, eventId }, tx))
            {
                v.Add("roomId", "That room is not one of this event's rooms.");
                return WriteResult<SessionRow>.Invalid(v);
            }
            var changed = await SessionWrites.PlaceInAsync(c, tx, eventId, id, version, placement?.RoomId, placement?.StartsAt, clock.GetUtcNow()) ? 1 : 0;
            return await OutcomeAsync(c, tx, eventId, id, changed);
        }, ct);

    /// <summary>Deletes a session that was never released; a released one must be cancelled instead, so the changelog can say so.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false (null returned) leaves the session.</summary>
    public Task<bool?> DeleteAsync(long eventId, long id, Validator v, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteLockedAsync<bool?>(eventId, async (c, tx) =>
        {
            // a release between the check and the delete would lose a released session
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return null;
            if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM schedule_sessions WHERE id = @id AND event_id = @eventId)", new { id, eventId }, tx))
                return null;
            if (await ReleasedAsync(c, tx, eventId, id))
            {
                v.Add("id", "This session has been in a released schedule: cancel it instead, so attendees are told.");
                return false;
            }
            await c.ExecuteAsync("DELETE FROM schedule_sessions WHERE id = @id", new { id }, tx);
            return true;
        }, ct);

    public async Task<IReadOnlyList<string>> SpeakerEmailsAsync(long sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>("""
            SELECT u.email FROM schedule_session_speakers ss JOIN users u ON u.id = ss.user_id WHERE ss.session_id = @sessionId ORDER BY ss.sort_order, u.id
            """, new { sessionId })).AsList();
    }

    public async Task<bool> WasReleasedAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await ReleasedAsync(c, null, eventId, id);
    }

    public async Task<IReadOnlyList<SlotRow>> ListSlotsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<SlotRow>("SELECT id, event_id, date, room_id, starts, ends FROM schedule_slots WHERE event_id = @eventId ORDER BY date, starts, room_id",
            new { eventId })).AsList();
    }

    public Task<SlotRow?> AddSlotAsync(long eventId, (DateOnly Date, TimeOnly Starts, TimeOnly Ends, long? RoomId) slot, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (slot.RoomId is { } roomId && !await c.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM rooms WHERE id = @roomId AND event_id = @eventId)", new { roomId, eventId }, tx))
            {
                v.Add("roomId", "That room is not one of this event's rooms.");
                return null;
            }
            return await c.QuerySingleAsync<SlotRow?>("""
                INSERT INTO schedule_slots (event_id, date, room_id, starts, ends) VALUES (@eventId, @Date, @RoomId, @Starts, @Ends)
                RETURNING id, event_id, date, room_id, starts, ends
                """, new { eventId, slot.Date, slot.RoomId, slot.Starts, slot.Ends }, tx);
        }, ct);

    public Task<bool> RemoveSlotAsync(long eventId, long slotId, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) => (stillAsShown is null || await stillAsShown(c, tx)) && await c.ExecuteAsync("DELETE FROM schedule_slots WHERE id = @slotId AND event_id = @eventId", new { slotId, eventId }, tx) == 1, ct);

    /// <summary>Sets (or, with null, clears) a room's own hours on one day; the day's hours apply otherwise.</summary>
    public Task<bool> SetRoomHoursAsync(long eventId, long roomId, DateOnly date, (TimeOnly Opens, TimeOnly Closes)? hours, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM rooms WHERE id = @roomId AND event_id = @eventId)", new { roomId, eventId }, tx))
                return false;
            if (hours is { } h)
            {
                await c.ExecuteAsync("""
                    INSERT INTO schedule_room_hours (room_id, date, opens_at, closes_at) VALUES (@roomId, @date, @Opens, @Closes)
                    ON CONFLICT (room_id, date) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at
                    """, new { roomId, date, h.Opens, h.Closes }, tx);
            }
            else
            {
                await c.ExecuteAsync("DELETE FROM schedule_room_hours WHERE room_id = @roomId AND date = @date", new { roomId, date }, tx);
            }
            return true;
        }, ct);

    internal static Task<bool> ReleasedAsync(IDbConnection c, IDbTransaction? tx, long eventId, long id) =>
        c.ExecuteScalarAsync<bool>($"SELECT EXISTS ({ReleasedSessionsSql.Select(c, "1")} AND {ReleasedSessionsSql.Id(c)} = @id)", new { eventId, id }, tx);

    private static async Task<WriteResult<SessionRow>> OutcomeAsync(IDbConnection c, IDbTransaction tx, long eventId, long id, int changed)
    {
        var now = await ScheduleQueries.FindSessionAsync(c, tx, eventId, id);
        if (now is null) return WriteResult<SessionRow>.NotFound;
        return changed == 1 ? WriteResult<SessionRow>.Ok(now) : SessionWriteResults.Stale(now);
    }

    private static async Task<bool> TrackBelongsAsync(IDbConnection c, IDbTransaction tx, long eventId, long? trackId, Validator v)
    {
        if (trackId is null) return true;
        if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM tracks WHERE id = @trackId AND event_id = @eventId)", new { trackId, eventId }, tx)) return true;
        v.Add("trackId", "That track is not one of this event's tracks.");
        return false;
    }

    private static async Task<List<long>?> SpeakerIdsAsync(IDbConnection c, IDbTransaction tx, IReadOnlyList<string> emails, Validator v)
    {
        var ids = new List<long>();
        foreach (var email in emails)
        {
            var id = await c.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE normalized_email = @n", new { n = email.ToUpperInvariant() }, tx);
            if (id is null) v.Add("speakerEmails", $"No account uses {email}. Ask them to register first.");
            else ids.Add(id.Value);
        }
        return v.HasErrors ? null : ids;
    }

    private static async Task SetSpeakersAsync(IDbConnection c, IDbTransaction tx, long sessionId, IReadOnlyList<long> userIds)
    {
        await c.ExecuteAsync("DELETE FROM schedule_session_speakers WHERE session_id = @sessionId", new { sessionId }, tx);
        for (var i = 0; i < userIds.Count; i++)
        {
            await c.ExecuteAsync("INSERT INTO schedule_session_speakers (session_id, user_id, sort_order) VALUES (@sessionId, @userId, @i)",
                new { sessionId, userId = userIds[i], i }, tx);
        }
    }
}
