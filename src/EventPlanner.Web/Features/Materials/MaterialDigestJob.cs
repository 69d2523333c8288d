using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// Once a day, each attendee who starred a session is told (one mail per event) about the slides and recordings that
/// appeared on it since their last digest. Each item told is recorded (session_material_digests) in the transaction
/// that queues the mail, so a rerun, a retry or a second node finds nothing left to tell: never twice for one item.
/// Only events the attendee may see (public, or they are on its team), and only materials added after the star.
/// </summary>
public sealed class MaterialDigestJob(TimeProvider clock, Outbox outbox)
{
    public const string JobId = "materials-digest";

    /// <summary>Daily, early morning UTC: the evening of the talk in the Americas, the morning after in Europe and Asia.</summary>
    public const string Schedule = "0 6 * * *";

    private sealed record Due
    {
        public long UserId { get; init; }
        public long EventId { get; init; }
        public string Slug { get; init; } = "";
        public long MaterialId { get; init; }
        public long SessionId { get; init; }
        public string SessionTitle { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
    }

    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            var due = (await c.QueryAsync<Due>("""
                SELECT st.user_id, m.event_id, e.slug, m.id AS material_id, m.session_id, s.title AS session_title, m.kind, m.title
                FROM session_materials m
                JOIN schedule_stars st ON st.session_id = m.session_id
                JOIN schedule_sessions s ON s.id = m.session_id
                JOIN events e ON e.id = m.event_id
                WHERE m.kind IN ('slides', 'recording') AND m.created_at >= st.created_at AND m.created_at <= @now AND s.is_cancelled = FALSE
                  AND (e.is_public = TRUE OR EXISTS (SELECT 1 FROM event_roles r WHERE r.event_id = e.id AND r.user_id = st.user_id))
                  AND NOT EXISTS (SELECT 1 FROM session_material_digests d WHERE d.user_id = st.user_id AND d.material_id = m.id)
                ORDER BY st.user_id, m.event_id, m.session_id, m.id
                """, new { now }, tx)).AsList();
            foreach (var group in due.GroupBy(d => (d.UserId, d.EventId)))
            {
                var items = group.ToList();
                await batch.AddAsync(c, tx, new NotificationRequest(
                    $"materials-digest:{group.Key.EventId}:{group.Key.UserId}:{items.Max(i => i.MaterialId)}", MaterialNotificationKinds.Digest.Name,
                    group.Key.UserId, group.Key.EventId, new Dictionary<string, string> { ["sessions"] = List(items), ["agenda_link"] = "/my/agenda" }));
                foreach (var item in items)
                {
                    await c.ExecuteAsync("INSERT INTO session_material_digests (user_id, material_id, told_at) VALUES (@UserId, @MaterialId, @now) ON CONFLICT DO NOTHING",
                        new { item.UserId, item.MaterialId, now }, tx);
                }
            }
            return batch.Queued;
        }, ct);
    }

    // One line (the outbox puts each value on one line): each session with what it gained, in the order it was added.
    private static string List(IEnumerable<Due> items) =>
        string.Join("; ", items.GroupBy(i => (i.SessionId, i.SessionTitle)).Select(session =>
            $"{session.Key.SessionTitle} — {string.Join(", ", session.Select(i => i.Title == MaterialRules.Label(i.Kind) ? i.Title : $"{MaterialRules.Label(i.Kind)}: {i.Title}"))}"));
}
