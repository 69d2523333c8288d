using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The review's to-do for the organisers' dashboard. "Without a review" counts proposals waiting for review
/// (submitted or in review) that nobody has reviewed yet; "not confirmed" counts accepted talks whose decision the
/// speakers were told and have not answered.
/// </summary>
public sealed record ReviewCounts
{
    public int WithoutReview { get; init; }
    public int AssignmentsDone { get; init; }
    public int Assignments { get; init; }
    public int AwaitingConfirmation { get; init; }
    public int Confirmed { get; init; }
    public int OpenSlotOffers { get; init; }

    public static async Task<ReviewCounts> ReadAsync(IDbConnection c, long eventId) =>
        await c.QuerySingleAsync<ReviewCounts>("""
            SELECT
              (SELECT COUNT(*) FROM proposals p WHERE p.event_id = @eventId AND p.state IN ('submitted', 'in_review')
                 AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = p.id)) AS WithoutReview,
              (SELECT COUNT(*) FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id
                 WHERE p.event_id = @eventId AND p.state <> 'withdrawn'
                   AND EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = a.proposal_id AND r.user_id = a.user_id)) AS AssignmentsDone,
              (SELECT COUNT(*) FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id
                 WHERE p.event_id = @eventId AND p.state <> 'withdrawn') AS Assignments,
              (SELECT COUNT(*) FROM review_decisions d JOIN proposals p ON p.id = d.proposal_id
                 WHERE d.event_id = @eventId AND p.released_state = 'accepted' AND d.released_round IS NOT NULL AND d.response IS NULL) AS AwaitingConfirmation,
              (SELECT COUNT(*) FROM proposals p WHERE p.event_id = @eventId AND p.state = 'confirmed') AS Confirmed,
              (SELECT COUNT(*) FROM review_slot_offers o WHERE o.event_id = @eventId AND o.resolution IS NULL) AS OpenSlotOffers
            """, new { eventId });
}
