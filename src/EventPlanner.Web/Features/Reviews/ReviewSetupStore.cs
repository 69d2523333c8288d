using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>How organisers set up reviewing: the total's method, criteria, phases and reviewer teams.</summary>
public sealed class ReviewSetupStore(Db db, TimeProvider clock)
{
    private const string CriterionColumns = "id, event_id, name, description, min_score, max_score, weight, track_ids, sort_order";
    private const string PhaseColumns = "id, event_id, name, opens_at, closes_at, reviewers, team_id, proposal_states, other_scores, hide_speakers";

    /// <summary>Settings, criteria, phases, teams, tracks and session types in one round trip (6 statements).</summary>
    public async Task<ReviewContext> LoadContextAsync(EventRow e, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var d = db.Dialect;
        using var grid = await c.QueryMultipleAsync($"""
            SELECT event_id, total_method, reviewers_per_proposal, confirm_days, updated_at FROM review_settings WHERE event_id = @Id;
            SELECT {CriterionColumns} FROM review_criteria WHERE event_id = @Id ORDER BY sort_order, id;
            SELECT {PhaseColumns} FROM review_phases WHERE event_id = @Id ORDER BY opens_at, id;
            SELECT t.id, t.event_id, t.name,
                   (SELECT {d.JsonArrayAgg("track_id")} FROM review_team_tracks WHERE team_id = t.id) AS track_ids,
                   (SELECT {d.JsonArrayAgg("session_type_id")} FROM review_team_types WHERE team_id = t.id) AS type_ids,
                   (SELECT {d.JsonArrayAgg($"{d.JsonObject}('id', u.id, 'name', u.display_name, 'email', u.email)")}
                      FROM review_team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = t.id) AS members
              FROM review_teams t WHERE t.event_id = @Id ORDER BY t.name;
            SELECT id, event_id, name, colour FROM tracks WHERE event_id = @Id ORDER BY name;
            SELECT id, event_id, name, durations, closes_at, accepts_late, is_hidden, is_enabled, max_speakers, sort_order
              FROM session_types WHERE event_id = @Id ORDER BY sort_order, name;
            """, new { e.Id });
        var settings = (await grid.ReadAsync<ReviewSettingsRow>()).FirstOrDefault() ?? new ReviewSettingsRow { EventId = e.Id };
        return new ReviewContext(e, settings, (await grid.ReadAsync<CriterionRow>()).AsList(), (await grid.ReadAsync<PhaseRow>()).AsList(),
            (await grid.ReadAsync<TeamRow>()).AsList(), (await grid.ReadAsync<TrackRow>()).AsList(), (await grid.ReadAsync<SessionTypeRow>()).AsList());
    }

    public Task<ReviewSettingsRow> SaveSettingsAsync(long eventId, ReviewSettingsValues values, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.QuerySingleAsync<ReviewSettingsRow>("""
            INSERT INTO review_settings (event_id, total_method, reviewers_per_proposal, confirm_days, updated_at)
            VALUES (@eventId, @TotalMethod, @ReviewersPerProposal, @ConfirmDays, @now)
            ON CONFLICT (event_id) DO UPDATE SET total_method = excluded.total_method, reviewers_per_proposal = excluded.reviewers_per_proposal,
                confirm_days = excluded.confirm_days, updated_at = excluded.updated_at
            RETURNING event_id, total_method, reviewers_per_proposal, confirm_days, updated_at
            """, new { eventId, values.TotalMethod, values.ReviewersPerProposal, values.ConfirmDays, now = clock.GetUtcNow() }, tx), ct);

    public Task<CriterionRow?> AddCriterionAsync(long eventId, CriterionValues values, Validator v, CancellationToken ct = default) =>
        Unique(v, "name", $"There is already a criterion called '{values.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleAsync<CriterionRow?>($"""
            INSERT INTO review_criteria (event_id, name, description, min_score, max_score, weight, track_ids, sort_order)
            VALUES (@eventId, @Name, @Description, @MinScore, @MaxScore, @Weight, @tracks, @SortOrder)
            RETURNING {CriterionColumns}
            """, CriterionParams(eventId, 0, values), tx), ct));

    /// <summary>
    /// Changing a scale keeps the scores already given; a score now outside the scale counts at its nearest end
    /// (see <see cref="ScoringRules.ReviewTotal"/>), and the reviewer sees it when they next open the review.
    /// </summary>
    public Task<CriterionRow?> UpdateCriterionAsync(long eventId, long id, CriterionValues values, Validator v, CancellationToken ct = default) =>
        Unique(v, "name", $"There is already a criterion called '{values.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<CriterionRow?>($"""
            UPDATE review_criteria SET name = @Name, description = @Description, min_score = @MinScore, max_score = @MaxScore, weight = @Weight,
                   track_ids = @tracks, sort_order = @SortOrder
            WHERE id = @id AND event_id = @eventId
            RETURNING {CriterionColumns}
            """, CriterionParams(eventId, id, values), tx), ct));

    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false removes nothing.</summary>
    public Task<bool> RemoveCriterionAsync(long eventId, long id, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
            (stillAsShown is null || await stillAsShown(c, tx))
            && await c.ExecuteAsync("DELETE FROM review_criteria WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx) == 1, ct);

    private static object CriterionParams(long eventId, long id, CriterionValues v) => new
    {
        eventId, id, v.Name, v.Description, v.MinScore, v.MaxScore, v.Weight, tracks = Json.Of(v.TrackIds), v.SortOrder,
    };

    public Task<PhaseRow?> AddPhaseAsync(long eventId, PhaseValues values, Validator v, CancellationToken ct = default) =>
        Unique(v, "name", $"There is already a phase called '{values.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleAsync<PhaseRow?>($"""
            INSERT INTO review_phases (event_id, name, opens_at, closes_at, reviewers, team_id, proposal_states, other_scores, hide_speakers)
            VALUES (@eventId, @Name, @OpensAt, @ClosesAt, @Reviewers, @TeamId, @ProposalStates, @OtherScores, @HideSpeakers)
            RETURNING {PhaseColumns}
            """, PhaseParams(eventId, 0, values), tx), ct));

    public Task<PhaseRow?> UpdatePhaseAsync(long eventId, long id, PhaseValues values, Validator v, CancellationToken ct = default) =>
        Unique(v, "name", $"There is already a phase called '{values.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<PhaseRow?>($"""
            UPDATE review_phases SET name = @Name, opens_at = @OpensAt, closes_at = @ClosesAt, reviewers = @Reviewers, team_id = @TeamId,
                   proposal_states = @ProposalStates, other_scores = @OtherScores, hide_speakers = @HideSpeakers
            WHERE id = @id AND event_id = @eventId
            RETURNING {PhaseColumns}
            """, PhaseParams(eventId, id, values), tx), ct));

    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false removes nothing.</summary>
    public Task<bool> RemovePhaseAsync(long eventId, long id, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
            (stillAsShown is null || await stillAsShown(c, tx))
            && await c.ExecuteAsync("DELETE FROM review_phases WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx) == 1, ct);

    private static object PhaseParams(long eventId, long id, PhaseValues v) => new
    {
        eventId, id, v.Name, v.OpensAt, v.ClosesAt, v.Reviewers, v.TeamId, v.ProposalStates, v.OtherScores, v.HideSpeakers,
    };

    public Task<long?> AddTeamAsync(long eventId, TeamValues values, Validator v, CancellationToken ct = default) =>
        SaveTeamAsync(eventId, null, values, v, ct);

    public Task<long?> UpdateTeamAsync(long eventId, long id, TeamValues values, Validator v, CancellationToken ct = default) =>
        SaveTeamAsync(eventId, id, values, v, ct);

    // Members must already review or organise the event: a team grants no role, it only narrows one.
    private async Task<long?> SaveTeamAsync(long eventId, long? id, TeamValues values, Validator v, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync(async (c, tx) =>
            {
                var members = new List<long>();
                foreach (var email in values.MemberEmails)
                {
                    var userId = await c.ExecuteScalarAsync<long?>("""
                        SELECT u.id FROM users u WHERE u.normalized_email = @n
                        AND EXISTS (SELECT 1 FROM event_roles r WHERE r.event_id = @eventId AND r.user_id = u.id)
                        """, new { n = email.ToUpperInvariant(), eventId }, tx);
                    if (userId is { } found) members.Add(found);
                    else v.Add("memberEmails", $"{email} is not a reviewer or organiser of this event; add them to the team on the Team page first.");
                }
                if (v.HasErrors) return null;
                long teamId;
                if (id is { } existing)
                {
                    if (await c.ExecuteAsync("UPDATE review_teams SET name = @Name WHERE id = @existing AND event_id = @eventId",
                            new { values.Name, existing, eventId }, tx) == 0) return null;
                    teamId = existing;
                    await c.ExecuteAsync("""
                        DELETE FROM review_team_tracks WHERE team_id = @teamId; DELETE FROM review_team_types WHERE team_id = @teamId;
                        DELETE FROM review_team_members WHERE team_id = @teamId;
                        """, new { teamId }, tx);
                }
                else
                {
                    teamId = await c.ExecuteScalarAsync<long>("INSERT INTO review_teams (event_id, name) VALUES (@eventId, @Name) RETURNING id",
                        new { eventId, values.Name }, tx);
                }
                await c.ExecuteAsync("INSERT INTO review_team_tracks (team_id, track_id) VALUES (@teamId, @trackId)",
                    values.TrackIds.Select(trackId => new { teamId, trackId }), tx);
                await c.ExecuteAsync("INSERT INTO review_team_types (team_id, session_type_id) VALUES (@teamId, @typeId)",
                    values.SessionTypeIds.Select(typeId => new { teamId, typeId }), tx);
                await c.ExecuteAsync("INSERT INTO review_team_members (team_id, user_id) VALUES (@teamId, @userId)",
                    members.Distinct().Select(userId => new { teamId, userId }), tx);
                return (long?)teamId;
            }, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            v.Add("name", $"There is already a team called '{values.Name}'.");
            return null;
        }
    }

    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false removes nothing.</summary>
    public Task<bool> RemoveTeamAsync(long eventId, long id, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
            (stillAsShown is null || await stillAsShown(c, tx))
            && await c.ExecuteAsync("DELETE FROM review_teams WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx) == 1, ct);

    private static async Task<T?> Unique<T>(Validator v, string field, string message, Task<T?> write) where T : class
    {
        try
        {
            return await write;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            v.Add(field, message);
            return null;
        }
    }
}
