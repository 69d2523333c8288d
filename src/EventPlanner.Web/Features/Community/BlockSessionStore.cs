using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// A group's own sessions inside its approved block: schedule_sessions rows with source 'community' under the group's
/// track, in the block's room, published at once (<see cref="LiveSchedule"/>) in the transaction that writes them.
/// Only the group's hosts write them, only inside their block, and only where the schedule's own conflict rules find no
/// error (another session in the room, a speaker in two places), checked on the board read in the same transaction.
/// </summary>
public sealed class BlockSessionStore(Db db, TimeProvider clock, LiveSchedule live)
{
    public async Task<WriteResult<BlockSessionRow>> SaveAsync(EventRow e, long blockId, long? sessionId, long userId, BlockSessionValues values, int? version,
        Validator v, CancellationToken ct = default)
    {
        var outcome = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            if (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId) is not { } b) return WriteResult<BlockSessionRow>.NotFound;
            if (!await BlockStore.MaySessionsAsync(c, tx, e.Id, b.GroupId, userId))
                return CommunityWrites.Forbidden<BlockSessionRow>($"Only the hosts of {b.GroupName} (or the event's organisers) can put sessions in its block.");
            if (b.Status != BlockStatuses.Approved || b.RoomId is not { } roomId)
                return CommunityWrites.Refused<BlockSessionRow>(new Refusal(422, "Block not approved",
                    $"This block is {b.Status}: sessions go into an approved block only.", [], [], null));
            BlockSessionRow? existing = null;
            if (sessionId is { } sid)
            {
                existing = (await CommunityQueries.SessionsAsync(c, tx, blockId)).FirstOrDefault(s => s.Id == sid);
                if (existing is null) return WriteResult<BlockSessionRow>.NotFound; // not a session of this block
                if (version is { } ver && ver != existing.Version)
                    return CommunityWrites.Refused<BlockSessionRow>(new Refusal(409, "Someone else changed this session first",
                        $"Another host changed \"{existing.Title}\" meanwhile (version {existing.Version}). Reload it and make your change again.", [], [], null));
            }

            var day = DateOnly.Parse(CommunityText.Day(e.Zone, b.StartsAt));
            var starts = CommunityInputRules.Utc(e, day, values.Start, "start", v);
            var ends = CommunityInputRules.Utc(e, day, values.End, "end", v);
            if (starts is null || ends is null) return WriteResult<BlockSessionRow>.Invalid(v);
            // The length comes from the two instants (never from wrapped clock times), so it is what the table's CHECK sees.
            var minutes = (int)(ends.Value - starts.Value).TotalMinutes;
            if (minutes < CommunityInputRules.MinSessionMinutes)
            {
                v.Add("end", $"The session must end at least {CommunityInputRules.MinSessionMinutes} minutes after it starts.");
                return WriteResult<BlockSessionRow>.Invalid(v);
            }
            if (!RoomRules.Inside(starts.Value, ends.Value, b.StartsAt, b.EndsAt))
                return CommunityWrites.Refused<BlockSessionRow>(new Refusal(422, "Outside your block",
                    $"Your block runs {CommunityText.When(e.Zone, b.StartsAt, b.EndsAt)}; a session must start and end inside it.", [], [], null));
            if (minutes > 720) { v.Add("end", "A session lasts at most 12 hours."); return WriteResult<BlockSessionRow>.Invalid(v); }

            var speakers = new List<SessionSpeaker>();
            foreach (var email in values.SpeakerEmails)
            {
                var user = await c.QuerySingleOrDefaultAsync<UserName>("""
                    SELECT u.id, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS name FROM users u LEFT JOIN speaker_profiles sp ON sp.user_id = u.id
                    WHERE u.normalized_email = @n
                    """, new { n = email.ToUpperInvariant() }, tx);
                if (user is not null) speakers.Add(new SessionSpeaker(user.Id, user.Name));
                else v.Add("speakerEmails", $"No account uses {email}. Name them under speakers without an account instead.");
            }
            if (v.HasErrors) return WriteResult<BlockSessionRow>.Invalid(v);

            var group = (await CommunityQueries.GroupAsync(c, tx, e.Id, b.GroupId))!;
            if (await ClashesAsync(c, tx, e, b, existing?.Id, group.TrackId, roomId, starts.Value, minutes, values, speakers) is { } refusal)
                return CommunityWrites.Refused<BlockSessionRow>(refusal);

            var now = clock.GetUtcNow();
            var session = new PlacedSession(e.Id, values.Kind, values.Title, values.Abstract, group.TrackId, minutes, b.ExpectedAttendance, roomId, starts.Value,
                SessionSources.Community);
            long id;
            if (existing is null)
            {
                id = await SessionWrites.CreateInAsync(c, tx, session, now);
                await c.ExecuteAsync("INSERT INTO community_block_sessions (session_id, block_id, guest_speakers) VALUES (@id, @blockId, @guests)",
                    new { id, blockId, guests = CommunityJson.Write(values.SpeakerNames) }, tx);
            }
            else
            {
                id = existing.Id;
                await SessionWrites.ReviseInAsync(c, tx, id, session, now);
                await c.ExecuteAsync("UPDATE community_block_sessions SET guest_speakers = @guests WHERE session_id = @id",
                    new { id, guests = CommunityJson.Write(values.SpeakerNames) }, tx);
            }
            await SessionWrites.SetSpeakersInAsync(c, tx, id, speakers.Select(sp => sp.Id).ToList());
            await live.PublishAsync(c, tx, e, $"Community session of {b.GroupName}: {values.Title}");
            return WriteResult<BlockSessionRow>.Ok((await CommunityQueries.SessionsAsync(c, tx, blockId)).First(s => s.Id == id));
        }, ct);
        if (outcome.Kind == WriteKind.Ok) await live.AfterCommitAsync(e.Slug, ct);
        return outcome;
    }

    /// <summary>Cancels a session of the block (a session never published is simply deleted); the public schedule says so at once.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run inside the transaction before anything is written; false cancels nothing (NotFound).</summary>
    public async Task<WriteResult<bool>> CancelAsync(EventRow e, long blockId, long sessionId, long userId, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null)
    {
        var outcome = await db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            if (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId) is not { } b) return WriteResult<bool>.NotFound;
            if (!await BlockStore.MaySessionsAsync(c, tx, e.Id, b.GroupId, userId))
                return CommunityWrites.Forbidden<bool>($"Only the hosts of {b.GroupName} (or the event's organisers) can cancel its sessions.");
            if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM community_block_sessions WHERE session_id = @sessionId AND block_id = @blockId)",
                    new { sessionId, blockId }, tx)) return WriteResult<bool>.NotFound;
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return WriteResult<bool>.NotFound;
            if (await SessionStore.ReleasedAsync(c, tx, e.Id, sessionId))
            {
                await SessionWrites.CancelInAsync(c, tx, sessionId, clock.GetUtcNow());
            }
            else
            {
                await SessionWrites.DeleteInAsync(c, tx, sessionId);
            }
            await live.PublishAsync(c, tx, e, $"Community session of {b.GroupName} cancelled");
            return WriteResult<bool>.Ok(true);
        }, ct);
        if (outcome.Kind == WriteKind.Ok) await live.AfterCommitAsync(e.Slug, ct);
        return outcome;
    }

    // The schedule's own rules on the board as it would be with this session, read inside the write transaction.
    private static async Task<Refusal?> ClashesAsync(IDbConnection c, IDbTransaction tx, EventRow e, BlockRow b, long? sessionId, long? trackId, long roomId,
        DateTimeOffset starts, int minutes, BlockSessionValues values, List<SessionSpeaker> speakers)
    {
        var board = await ScheduleQueries.LoadAsync(c, tx, e);
        var candidate = new SessionRow
        {
            Id = sessionId ?? -1, EventId = e.Id, Kind = values.Kind, Title = values.Title, TrackId = trackId, DurationMinutes = minutes,
            ExpectedAudience = b.ExpectedAttendance, RoomId = roomId, StartsAt = starts, Source = SessionSources.Community,
            SpeakersJson = System.Text.Json.JsonSerializer.Serialize(speakers, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)),
        };
        var blocks = (board.Blocks ?? []).Select(x => x.Id == b.Id
            ? x with { SessionIds = System.Text.Json.JsonSerializer.Serialize(x.SessionIdList.Append(candidate.Id).Distinct()) }
            : x).ToList();
        var sessions = board.Sessions.Where(s => s.Id != candidate.Id).Append(candidate).ToList();
        var errors = ConflictRules.Check(new ConflictInput(board.Zone, sessions, board.Rooms, board.Days, board.RoomHours, board.Slots, board.Foreign, blocks))
            .Where(x => x.SessionId == candidate.Id && x.IsError).Select(x => x.Message).Distinct().ToList();
        return errors.Count == 0 ? null : new Refusal(409, "Clashes with the schedule", string.Join(" ", errors), errors, [], null);
    }

    private sealed record UserName
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
    }
}
