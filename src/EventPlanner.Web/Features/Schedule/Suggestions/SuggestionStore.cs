using System.Data;
using System.Text.Json;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule.Suggestions;

/// <summary>
/// Suggestion runs and their proposals (<c>schedule_suggestions</c>). Applying writes the draft's sessions through
/// <see cref="SessionWrites.PlaceInAsync"/> in one transaction, and refuses when the draft is no longer the one the
/// proposal was computed from or when the grid's rules find an error in what it would write.
/// </summary>
public sealed class SuggestionStore(Db db, TimeProvider clock)
{
    private const string Columns = """
        id, event_id, requested_by, mode, move_released, time_limit_seconds, state, cancel_requested, solver_status, best_objective, best_bound,
        elapsed_ms, solutions, draft_stamp, result, error, created_at, started_at, finished_at, applied_at, weights
        """;

    /// <summary>Queues a run; null when one is already queued or running for the event (one solve per event at a time).</summary>
    public Task<SuggestionRow?> CreateAsync(long eventId, long userId, SuggestionValues values, CancellationToken ct = default) =>
        db.WriteLockedAsync(eventId, async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM schedule_suggestions WHERE event_id = @eventId AND state IN ('queued', 'running'))",
                    new { eventId }, tx)) return null;
            return await c.QuerySingleAsync<SuggestionRow?>($"""
                INSERT INTO schedule_suggestions (event_id, requested_by, mode, move_released, time_limit_seconds, state, created_at, weights)
                VALUES (@eventId, @userId, @Mode, @MoveReleased, @TimeLimitSeconds, 'queued', @now, @weights)
                RETURNING {Columns}
                """, new { eventId, userId, values.Mode, values.MoveReleased, values.TimeLimitSeconds, now = clock.GetUtcNow(), weights = values.Weights.ToJson() }, tx);
        }, ct);

    public async Task<SuggestionRow?> FindAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SuggestionRow?>($"SELECT {Columns} FROM schedule_suggestions WHERE id = @id AND event_id = @eventId", new { id, eventId });
    }

    /// <summary>For the job, which knows only the id.</summary>
    public async Task<(SuggestionRow Row, string Slug)?> FindForJobAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<SuggestionRow?>($"SELECT {Columns} FROM schedule_suggestions WHERE id = @id", new { id });
        if (row is null) return null;
        return (row, await c.ExecuteScalarAsync<string>("SELECT slug FROM events WHERE id = @EventId", new { row.EventId }) ?? "");
    }

    public async Task<IReadOnlyList<SuggestionRow>> ListAsync(long eventId, int limit = 10, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<SuggestionRow>($"SELECT {Columns} FROM schedule_suggestions WHERE event_id = @eventId ORDER BY id DESC LIMIT @limit",
            new { eventId, limit })).AsList();
    }

    /// <summary>
    /// What the solver needs beyond the board: pairs of sessions starred by the same attendees (the "up against" cost),
    /// and the sessions already in a release (they stay put unless the organiser frees them).
    /// </summary>
    public async Task<(IReadOnlyList<CoStarred> Pairs, IReadOnlySet<long> Released)> InputsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var pairs = (await c.QueryAsync<(long A, long B, long CoStars)>("""
            SELECT a.session_id AS a, b.session_id AS b, COUNT(*) AS co_stars
            FROM schedule_stars a JOIN schedule_stars b ON b.user_id = a.user_id AND b.event_id = a.event_id AND b.session_id > a.session_id
            WHERE a.event_id = @eventId
            GROUP BY a.session_id, b.session_id
            """, new { eventId })).Select(p => new CoStarred(p.A, p.B, (int)p.CoStars)).ToList();
        var released = (await c.QueryAsync<long>(ReleasedSessionsSql.Select(c, $"DISTINCT {ReleasedSessionsSql.Id(c)}"), new { eventId })).ToHashSet();
        return (pairs, released);
    }

    /// <summary>Claims a queued (or, after a crash, running) run; false when it has finished or was cancelled meanwhile.</summary>
    public Task<bool> StartAsync(long id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("UPDATE schedule_suggestions SET state = 'cancelled', finished_at = @now WHERE id = @id AND state = 'queued' AND cancel_requested = TRUE",
                new { id, now = clock.GetUtcNow() }, tx);
            return await c.ExecuteAsync("""
                UPDATE schedule_suggestions SET state = 'running', started_at = @now, solutions = 0, best_objective = NULL, best_bound = NULL
                WHERE id = @id AND state IN ('queued', 'running')
                """, new { id, now = clock.GetUtcNow() }, tx) == 1;
        }, ct);

    /// <summary>Stores the progress; answers whether an organiser asked to stop.</summary>
    public Task<bool> ProgressAsync(long id, double? objective, double? bound, TimeSpan elapsed, int solutions, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                UPDATE schedule_suggestions SET best_objective = @objective, best_bound = @bound, elapsed_ms = @ms, solutions = @solutions
                WHERE id = @id AND state = 'running'
                """, new { id, objective = Finite(objective), bound = Finite(bound), ms = (long)elapsed.TotalMilliseconds, solutions }, tx);
            return await c.ExecuteScalarAsync<bool>("SELECT cancel_requested FROM schedule_suggestions WHERE id = @id", new { id }, tx);
        }, ct);

    public Task FinishAsync(long id, string state, string solverStatus, double? objective, double? bound, TimeSpan elapsed, string draftStamp,
        SuggestionResult result, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE schedule_suggestions SET state = @state, solver_status = @solverStatus, best_objective = @objective, best_bound = @bound,
                   elapsed_ms = @ms, draft_stamp = @draftStamp, result = @json, finished_at = @now
            WHERE id = @id AND state = 'running'
            """, new { id, state, solverStatus, objective = Finite(objective), bound = Finite(bound), ms = (long)elapsed.TotalMilliseconds, draftStamp,
            json = JsonSerializer.Serialize(result, ScheduleJson.Options), now = clock.GetUtcNow() }, tx), ct);

    /// <summary>A run that could not start or finish, with the sentence organisers read.</summary>
    public Task FailAsync(long id, string error, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE schedule_suggestions SET state = 'failed', error = @error, finished_at = @now WHERE id = @id AND state IN ('queued', 'running')
            """, new { id, error, now = clock.GetUtcNow() }, tx), ct);

    /// <summary>Stops a run: a queued one at once, a running one at its next progress check (it keeps its best proposal). False when it is not active.</summary>
    public Task<bool> CancelAsync(long eventId, long id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            return await c.ExecuteAsync("""
                UPDATE schedule_suggestions SET cancel_requested = TRUE,
                       state = CASE state WHEN 'queued' THEN 'cancelled' ELSE state END,
                       finished_at = CASE state WHEN 'queued' THEN @now ELSE finished_at END
                WHERE id = @id AND event_id = @eventId AND state IN ('queued', 'running')
                """, new { id, eventId, now }, tx) == 1;
        }, ct);

    public Task<bool> DiscardAsync(long eventId, long id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            UPDATE schedule_suggestions SET state = 'discarded' WHERE id = @id AND event_id = @eventId AND state IN ('done', 'cancelled', 'failed')
            """, new { id, eventId }, tx) == 1, ct);

    /// <summary>
    /// Writes the proposal into the draft; the value is how many sessions were written. Refusals are conflicts: nothing to
    /// apply, the draft changed since the run (<see cref="StaleMessage"/>), or the grid's rules found errors (the
    /// form message lists them).
    /// </summary>
    public async Task<WriteResult<int>> ApplyAsync(EventRow e, long id, long userId, CancellationToken ct = default)
    {
        try
        {
            return await db.WriteLockedAsync(e.Id, async (c, tx) =>
            {
                var row = await c.QuerySingleOrDefaultAsync<SuggestionRow?>($"SELECT {Columns} FROM schedule_suggestions WHERE id = @id AND event_id = @eventId",
                    new { id, eventId = e.Id }, tx);
                if (row is null) return WriteResult<int>.NotFound;
                if (!row.CanApply) return WriteResult<int>.Conflict("Nothing to apply", NotReadyMessage(row));
                var board = await ScheduleQueries.LoadAsync(c, tx, e);
                if (SuggestionCheck.DraftStamp(board) != row.DraftStamp) return Stale;

                var now = clock.GetUtcNow();
                var written = new HashSet<long>();
                foreach (var change in row.Proposal!.Changes.Where(x => x.Change != ProposalChangeKinds.Unchanged))
                {
                    var s = board.Find(change.SessionId);
                    if (s is null || !await SessionWrites.PlaceInAsync(c, tx, e.Id, s.Id, s.Version, change.RoomId, change.StartsAt, now))
                        throw new Refused(Stale);
                    written.Add(s.Id);
                }
                // The usual conflict checks, on the draft as written, before anything commits.
                var after = await ScheduleQueries.LoadAsync(c, tx, e);
                var errors = after.Conflicts.Where(x => x.IsError && written.Contains(x.SessionId)).ToList();
                if (errors.Count > 0)
                {
                    var messages = string.Join(" ", errors.Select(x => $"\"{after.Find(x.SessionId)?.Title}\": {x.Message}").Distinct());
                    throw new Refused(WriteResult<int>.Conflict("Applying would add conflicts to the draft", messages,
                        formMessage: "Applying would add conflicts to the draft, so nothing was written: " + messages));
                }
                await c.ExecuteAsync("UPDATE schedule_suggestions SET state = 'applied', applied_at = @now, applied_by = @userId WHERE id = @id",
                    new { id, now, userId }, tx);
                return WriteResult<int>.Ok(written.Count);
            }, ct);
        }
        catch (Refused r)
        {
            return r.Result; // the transaction was rolled back: nothing of the proposal was written
        }
    }

    private static WriteResult<int> Stale => WriteResult<int>.Conflict("The draft has changed", StaleMessage);

    public static string StaleMessage =>
        "The draft schedule has changed since this suggestion was computed (a session was moved, added, edited or cancelled), " +
        "so it was not applied. Run \"Suggest a schedule\" again on the current draft.";

    public static string NotReadyMessage(SuggestionRow row) => row.State switch
    {
        SuggestionStates.Applied => "This suggestion has already been applied to the draft.",
        SuggestionStates.Discarded => "This suggestion was discarded.",
        SuggestionStates.Failed => "This suggestion failed; there is nothing to apply.",
        _ when SuggestionStates.IsActive(row.State) => "The solver is still working on this suggestion; wait for it to finish or stop it first.",
        _ => "This suggestion changes nothing in the draft.",
    };

    private static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;

    private sealed class Refused(WriteResult<int> result) : Exception
    {
        public WriteResult<int> Result { get; } = result;
    }
}

/// <summary>What an organiser asks for, validated.</summary>
public sealed record SuggestionValues(string Mode, bool MoveReleased, int TimeLimitSeconds, SuggestionWeights Weights);
