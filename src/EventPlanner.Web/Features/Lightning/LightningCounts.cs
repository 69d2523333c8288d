using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>Lightning talks at a glance for the organisers' dashboard.</summary>
public sealed record LightningCounts
{
    public int Sessions { get; init; }
    public int Unconfigured { get; init; }
    public int Confirmed { get; init; }
    public int Offered { get; init; }
    public int Waitlisted { get; init; }

    public static async Task<LightningCounts> ReadAsync(IDbConnection c, long eventId) =>
        await c.QuerySingleAsync<LightningCounts>("""
            SELECT
              (SELECT COUNT(*) FROM lightning_sessions l WHERE l.event_id = @eventId) AS Sessions,
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.kind = 'lightning' AND s.is_cancelled = FALSE
                 AND NOT EXISTS (SELECT 1 FROM lightning_sessions l WHERE l.session_id = s.id)) AS Unconfigured,
              (SELECT COUNT(*) FROM lightning_talks t JOIN lightning_sessions l ON l.session_id = t.session_id
                 WHERE l.event_id = @eventId AND t.status = 'confirmed') AS Confirmed,
              (SELECT COUNT(*) FROM lightning_talks t JOIN lightning_sessions l ON l.session_id = t.session_id
                 WHERE l.event_id = @eventId AND t.status = 'offered') AS Offered,
              (SELECT COUNT(*) FROM lightning_talks t JOIN lightning_sessions l ON l.session_id = t.session_id
                 WHERE l.event_id = @eventId AND t.status = 'waitlisted') AS Waitlisted
            """, new { eventId });
}
