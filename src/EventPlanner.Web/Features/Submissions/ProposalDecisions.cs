using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Proposal state transitions that the Reviews feature owns and calls inside its own transactions (so a decision, its
/// held mail and its bookkeeping commit together); Submissions still owns the proposals table, so the SQL lives here.
/// None of them bumps the version: a decision is not an edit, and an edit is what marks reviews stale.
/// </summary>
public static class ProposalDecisions
{
    /// <summary>The organisers' decision (shortlisted, accepted, waitlisted, rejected); speakers still see the released state.</summary>
    public static Task SetDecisionInAsync(IDbConnection c, IDbTransaction tx, long id, string state) =>
        c.ExecuteAsync("UPDATE proposals SET state = @state WHERE id = @id", new { id, state }, tx);

    /// <summary>Releases the decision: speakers now see what the organisers decided.</summary>
    public static Task ReleaseDecisionInAsync(IDbConnection c, IDbTransaction tx, long id) =>
        c.ExecuteAsync("UPDATE proposals SET released_state = state WHERE id = @id", new { id }, tx);

    /// <summary>The speakers' answer to an acceptance, theirs and so visible at once: confirmed, or withdrawn (declined or lapsed).</summary>
    public static Task SpeakerAnswerInAsync(IDbConnection c, IDbTransaction tx, long id, bool confirmed, DateTimeOffset now) =>
        c.ExecuteAsync("""
            UPDATE proposals SET state = @state, released_state = @state, withdrawn_at = CASE WHEN @confirmed THEN withdrawn_at ELSE @now END
            WHERE id = @id
            """, new { id, confirmed, now, state = confirmed ? ProposalStates.Confirmed : ProposalStates.Withdrawn }, tx);

    /// <summary>
    /// Review has started on a submitted proposal (its first review was saved): it moves to in review, and speakers
    /// see that at once (it is not a decision, so nothing is held back). Later states are left alone.
    /// </summary>
    public static Task MarkInReviewInAsync(IDbConnection c, IDbTransaction tx, long id) =>
        c.ExecuteAsync("""
            UPDATE proposals SET state = 'in_review', released_state = CASE WHEN released_state = 'submitted' THEN 'in_review' ELSE released_state END
            WHERE id = @id AND state = 'submitted'
            """, new { id }, tx);
}
