using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Materials;

/// <summary>Materials at a glance for the organisers' dashboard: how many talks have slides and recordings yet.</summary>
public sealed record MaterialCounts
{
    public int Talks { get; init; }
    public int WithSlides { get; init; }
    public int WithRecording { get; init; }
    public int GalleryLinks { get; init; }

    public static async Task<MaterialCounts> ReadAsync(IDbConnection c, long eventId) =>
        await c.QuerySingleAsync<MaterialCounts>("""
            SELECT
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.is_cancelled = FALSE
                 AND s.kind IN ('talk', 'workshop', 'keynote', 'lightning')) AS Talks,
              (SELECT COUNT(DISTINCT m.session_id) FROM session_materials m WHERE m.event_id = @eventId AND m.kind = 'slides') AS WithSlides,
              (SELECT COUNT(DISTINCT m.session_id) FROM session_materials m WHERE m.event_id = @eventId AND m.kind = 'recording') AS WithRecording,
              (SELECT COUNT(*) FROM event_gallery_links g WHERE g.event_id = @eventId) AS GalleryLinks
            """, new { eventId });
}
