using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The reviewer's side: the queue, "next proposal", one proposal with its reviews, and saving a review. Every
/// read and write names <see cref="ReviewerScope.Visible"/>, so a proposal the reviewer may not see (their own,
/// a conflicted one, another track's) is simply not there: callers answer 404.
/// </summary>
public sealed class ReviewStore(Db db, TimeProvider clock)
{
    /// <summary>The speakers of p as JSON, for anonymising on the server; never sent to a reviewer as it is.</summary>
    internal static string Identities(SqlDialect d) => $"""
        (SELECT {d.JsonArrayAgg($"{d.JsonObject}('userId', u.id, 'name', COALESCE(NULLIF(sp.full_name, ''), u.display_name), 'displayName', u.display_name, 'email', u.email, 'affiliation', COALESCE(sp.affiliation, ''), 'links', COALESCE(sp.links, '[]'))")}
           FROM proposal_speakers s JOIN users u ON u.id = s.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = u.id WHERE s.proposal_id = p.id)
        """;

    internal static string ReviewColumns(SqlDialect d) => $"""
        r.id, r.proposal_id, r.user_id, u.display_name AS reviewer_name, r.phase_id, r.abstained, r.comment, r.note_to_speaker,
        r.proposal_version, r.created_at, r.updated_at,
        (SELECT {d.JsonArrayAgg($"{d.JsonObject}('criterionId', s.criterion_id, 'score', s.score)")} FROM review_scores s WHERE s.review_id = r.id) AS scores
        """;

    /// <summary>Reviews that count: not by a speaker of the proposal, nor by a reviewer who declared a conflict with it.</summary>
    internal const string ReviewCounts = """
        NOT EXISTS (SELECT 1 FROM proposal_speakers s WHERE s.proposal_id = r.proposal_id AND s.user_id = r.user_id)
        AND NOT EXISTS (SELECT 1 FROM review_conflicts k WHERE k.user_id = r.user_id AND k.proposal_id = r.proposal_id)
        AND NOT EXISTS (SELECT 1 FROM proposal_speakers s JOIN review_conflicts k ON k.user_id = r.user_id AND k.speaker_id = s.user_id
                        AND k.event_id = (SELECT x.event_id FROM proposals x WHERE x.id = r.proposal_id)
                        WHERE s.proposal_id = r.proposal_id)
        """;

    private static object Scope(long eventId, Reviewer reviewer, EffectivePhase phase) =>
        new { eventId, userId = reviewer.UserId, assignedOnly = ReviewerScope.AssignedOnly(reviewer, phase) };

    /// <summary>Every proposal in the reviewer's queue, one statement whatever their number: assigned first, least reviewed next.</summary>
    public async Task<IReadOnlyList<QueueRow>> QueueAsync(long eventId, Reviewer reviewer, EffectivePhase phase, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<QueueRow>($"""
            SELECT p.id, p.title, p.abstract, p.state, p.version, p.session_type_id, {ReviewerScope.FirstTrack} AS track_id,
                   rr.title AS redacted_title, rr.abstract AS redacted_abstract,
                   (SELECT COUNT(*) FROM reviews r WHERE r.proposal_id = p.id) AS review_count,
                   EXISTS (SELECT 1 FROM review_assignments a WHERE a.proposal_id = p.id AND a.user_id = @userId) AS is_assigned,
                   mine.id AS my_review_id, mine.abstained AS my_abstained, mine.proposal_version AS my_version,
                   {Identities(db.Dialect)} AS speakers
            FROM proposals p
            LEFT JOIN review_redactions rr ON rr.proposal_id = p.id
            LEFT JOIN reviews mine ON mine.proposal_id = p.id AND mine.user_id = @userId
            WHERE {ReviewerScope.Visible}
            ORDER BY is_assigned DESC, review_count, p.id
            """, Scope(eventId, reviewer, phase))).AsList();
    }

    /// <summary>The least-reviewed proposal the reviewer has not reviewed yet (their assigned ones first), or null.</summary>
    public async Task<long?> NextAsync(long eventId, Reviewer reviewer, EffectivePhase phase, long? skip = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>($"""
            SELECT p.id FROM proposals p
            WHERE {ReviewerScope.Visible} AND {db.Dialect.InList("p.state", "@states")} AND (@skip IS NULL OR p.id <> @skip)
              AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = p.id AND r.user_id = @userId)
            ORDER BY EXISTS (SELECT 1 FROM review_assignments a WHERE a.proposal_id = p.id AND a.user_id = @userId) DESC,
                     (SELECT COUNT(*) FROM reviews r WHERE r.proposal_id = p.id), p.id
            LIMIT 1
            """, new { eventId, userId = reviewer.UserId, assignedOnly = ReviewerScope.AssignedOnly(reviewer, phase), states = phase.ReviewableStates, skip });
    }

    /// <summary>One proposal with its speakers (for anonymising), answers and reviews; null when the reviewer may not see it.</summary>
    public async Task<ReviewerProposalData?> LoadAsync(long eventId, Reviewer reviewer, EffectivePhase phase, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var proposal = await c.QuerySingleOrDefaultAsync<ReviewerProposalRow>($"""
            SELECT p.id, p.event_id, p.title, p.abstract, p.description, p.state, p.version, p.session_type_id, p.duration_minutes,
                   p.audience_level, p.language, {ReviewerScope.FirstTrack} AS track_id,
                   rr.title AS redacted_title, rr.abstract AS redacted_abstract, rr.description AS redacted_description,
                   rr.proposal_version AS redacted_version,
                   EXISTS (SELECT 1 FROM review_assignments a WHERE a.proposal_id = p.id AND a.user_id = @userId) AS is_assigned
            FROM proposals p LEFT JOIN review_redactions rr ON rr.proposal_id = p.id
            WHERE p.id = @id AND {ReviewerScope.Visible}
            """, new { id, eventId, userId = reviewer.UserId, assignedOnly = ReviewerScope.AssignedOnly(reviewer, phase) });
        if (proposal is null) return null;
        using var grid = await c.QueryMultipleAsync($"""
            SELECT u.id AS user_id, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS name, u.display_name, u.email,
                   COALESCE(sp.affiliation, '') AS affiliation, COALESCE(sp.bio, '') AS bio, COALESCE(sp.links, '[]') AS links
              FROM proposal_speakers s JOIN users u ON u.id = s.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = u.id
             WHERE s.proposal_id = @id ORDER BY s.is_owner DESC, s.joined_at, u.id;
            SELECT q.id AS question_id, q.prompt, q.kind, a.value FROM proposal_answers a JOIN cfp_questions q ON q.id = a.question_id
             WHERE a.proposal_id = @id AND q.target = 'proposal' ORDER BY q.sort_order, q.id;
            SELECT {ReviewColumns(db.Dialect)} FROM reviews r JOIN users u ON u.id = r.user_id
             WHERE r.proposal_id = @id AND (r.user_id = @userId OR ({ReviewCounts})) ORDER BY r.created_at, r.id;
            """, new { id, userId = reviewer.UserId });
        return new ReviewerProposalData(proposal, (await grid.ReadAsync<SpeakerIdentity>()).AsList(),
            (await grid.ReadAsync<ReviewerAnswerRow>()).AsList(), (await grid.ReadAsync<ReviewRow>()).AsList());
    }

    /// <summary>
    /// Saves the reviewer's review (creating or replacing it) in one transaction that re-reads the proposal through
    /// the reviewer's scope, so a conflict declared a moment ago or a withdrawal is respected.
    /// </summary>
    public Task<WriteResult<long>> SaveAsync(ReviewContext ctx, Reviewer reviewer, EffectivePhase phase, long id, ReviewInput input, Validator v,
        CancellationToken ct = default) =>
        db.WriteLockedAsync(ctx.Event.Id, async (c, tx) =>
        {
            // The scope and state read below must still hold when the review lands (a withdrawal or a conflict may race it).
            var p = await c.QuerySingleOrDefaultAsync<(long Id, string State, int Version, long? TrackId)?>($"""
                SELECT p.id, p.state, p.version, {ReviewerScope.FirstTrack} AS track_id FROM proposals p WHERE p.id = @id AND {ReviewerScope.Visible}
                """, new { id, eventId = ctx.Event.Id, userId = reviewer.UserId, assignedOnly = ReviewerScope.AssignedOnly(reviewer, phase) }, tx);
            if (p is not { } proposal) return WriteResult<long>.NotFound;
            var (may, why) = ReviewerViews.ScoringAllowed(ctx, reviewer, phase, proposal.State);
            if (!may)
            {
                v.Add("phase", why!);
                return WriteResult<long>.Invalid(v);
            }
            var values = SetupRules.Validate(input, ctx.CriteriaFor(proposal.TrackId), v);
            if (values is null) return WriteResult<long>.Invalid(v);
            var now = clock.GetUtcNow();
            var reviewId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO reviews (proposal_id, user_id, phase_id, abstained, comment, note_to_speaker, proposal_version, created_at, updated_at)
                VALUES (@id, @userId, @phaseId, @Abstain, @Comment, @NoteToSpeaker, @version, @now, @now)
                ON CONFLICT (proposal_id, user_id) DO UPDATE SET phase_id = excluded.phase_id, abstained = excluded.abstained, comment = excluded.comment,
                    note_to_speaker = excluded.note_to_speaker, proposal_version = excluded.proposal_version, updated_at = excluded.updated_at
                RETURNING id
                """, new { id, userId = reviewer.UserId, phaseId = phase.Phase?.Id, values.Abstain, values.Comment, values.NoteToSpeaker, version = proposal.Version, now }, tx);
            await c.ExecuteAsync("DELETE FROM review_scores WHERE review_id = @reviewId", new { reviewId }, tx);
            await c.ExecuteAsync("INSERT INTO review_scores (review_id, criterion_id, score) VALUES (@reviewId, @CriterionId, @Score)",
                values.Scores.Select(s => new { reviewId, s.CriterionId, s.Score }), tx);
            // The first review (an abstention too) is when review has started on it, for the speakers as well.
            await Submissions.ProposalDecisions.MarkInReviewInAsync(c, tx, id);
            return WriteResult<long>.Ok(reviewId);
        }, ct);

    /// <summary>A reviewer's own reviews, for their CSV: only proposals they may still see.</summary>
    public async Task<IReadOnlyList<(QueueRow Proposal, ReviewRow Review)>> MineAsync(long eventId, Reviewer reviewer, EffectivePhase phase, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<QueueRow, ReviewRow, (QueueRow, ReviewRow)>($"""
            SELECT p.id, p.title, p.abstract, p.state, p.version, p.session_type_id, {ReviewerScope.FirstTrack} AS track_id,
                   rr.title AS redacted_title, rr.abstract AS redacted_abstract, {Identities(db.Dialect)} AS speakers,
                   {ReviewColumns(db.Dialect)}
            FROM reviews r JOIN users u ON u.id = r.user_id JOIN proposals p ON p.id = r.proposal_id
            LEFT JOIN review_redactions rr ON rr.proposal_id = p.id
            WHERE r.user_id = @userId AND {ReviewerScope.Visible}
            ORDER BY p.id
            """, (p, r) => (p, r), Scope(eventId, reviewer, phase), splitOn: "id");
        return rows.AsList();
    }
}
