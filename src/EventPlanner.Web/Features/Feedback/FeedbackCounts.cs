using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Feedback;

/// <summary>Feedback at a glance for the organisers' dashboard: ratings given and sessions rated.</summary>
public sealed record FeedbackCounts
{
    public int Ratings { get; init; }
    public int SessionsRated { get; init; }

    public static Task<FeedbackCounts> ReadAsync(IDbConnection c, long eventId) =>
        c.QuerySingleAsync<FeedbackCounts>("""
            SELECT COUNT(*) AS Ratings, COUNT(DISTINCT session_id) AS SessionsRated FROM session_feedback WHERE event_id = @eventId
            """, new { eventId });
}
