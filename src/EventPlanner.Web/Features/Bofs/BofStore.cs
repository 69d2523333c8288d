using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// BoF proposals and interest. Marking interest counts inside its write transaction, so the proposer is told
/// exactly once when the count reaches the event's threshold (the dedupe key names the BoF), however many
/// people click at the same moment.
/// </summary>
public sealed class BofStore(Db db, TimeProvider clock, Outbox outbox, AgendaStore agenda)
{
    internal const string BofSelect = """
        SELECT b.id, b.event_id, b.proposer_user_id, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS proposer_name, b.title, b.description,
               b.is_cancelled, b.slot_id, b.session_id, b.version, b.created_at, b.updated_at,
               (SELECT COUNT(*) FROM bof_interest i WHERE i.bof_id = b.id) AS interested,
               s.room_id, r.name AS room_name, s.date, s.starts, s.ends, s.starts_at
        FROM bofs b JOIN users u ON u.id = b.proposer_user_id LEFT JOIN speaker_profiles sp ON sp.user_id = b.proposer_user_id
             LEFT JOIN bof_slots s ON s.id = b.slot_id LEFT JOIN rooms r ON r.id = s.room_id
        """;

    internal const string SlotSelect = """
        SELECT s.id, s.event_id, s.room_id, r.name AS room_name, s.date, s.starts, s.ends, s.starts_at, s.ends_at, b.id AS bof_id, b.title AS bof_title
        FROM bof_slots s JOIN rooms r ON r.id = s.room_id LEFT JOIN bofs b ON b.slot_id = s.id
        """;

    internal static Task<BofRow?> FindAsync(IDbConnection c, IDbTransaction? tx, long eventId, long id) =>
        c.QuerySingleOrDefaultAsync<BofRow?>($"{BofSelect} WHERE b.id = @id AND b.event_id = @eventId", new { id, eventId }, tx);

    internal static async Task<int> ThresholdAsync(IDbConnection c, IDbTransaction? tx, long eventId) =>
        await c.ExecuteScalarAsync<int?>("SELECT interest_threshold FROM bof_settings WHERE event_id = @eventId", new { eventId }, tx) ?? BofRules.DefaultThreshold;

    internal static async Task<IReadOnlyList<BofSlotRow>> SlotsAsync(IDbConnection c, IDbTransaction? tx, long eventId) =>
        (await c.QueryAsync<BofSlotRow>($"{SlotSelect} WHERE s.event_id = @eventId ORDER BY s.starts_at, r.sort_order, r.name", new { eventId }, tx)).AsList();

    public sealed record Listing(IReadOnlyList<BofRow> Bofs, int Threshold, IReadOnlySet<long> MyInterest);

    /// <summary>Every BoF of the event (open ones first, by interest), the threshold, and which ones the reader is interested in.</summary>
    public async Task<Listing> ListAsync(long eventId, long? userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var bofs = (await c.QueryAsync<BofRow>($"{BofSelect} WHERE b.event_id = @eventId ORDER BY b.is_cancelled, b.id", new { eventId })).AsList();
        var mine = userId is null ? [] : (await c.QueryAsync<long>("""
            SELECT i.bof_id FROM bof_interest i JOIN bofs b ON b.id = i.bof_id WHERE b.event_id = @eventId AND i.user_id = @userId
            """, new { eventId, userId })).ToHashSet();
        var ordered = bofs.OrderBy(b => b.IsCancelled).ThenBy(b => b.IsBooked ? 0 : 1).ThenBy(b => b.StartsAt).ThenByDescending(b => b.Interested).ThenBy(b => b.Id).ToList();
        return new Listing(ordered, await ThresholdAsync(c, null, eventId), mine);
    }

    public async Task<(BofRow Bof, int Threshold, bool Interested)?> FindAsync(long eventId, long id, long? userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        if (await FindAsync(c, null, eventId, id) is not { } bof) return null;
        var interested = userId is not null && await c.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM bof_interest WHERE bof_id = @id AND user_id = @userId)", new { id, userId });
        return (bof, await ThresholdAsync(c, null, eventId), interested);
    }

    public Task<BofRow?> ProposeAsync(EventRow e, long userId, (string Title, string Description) values, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (BofRules.IsOver(e, now))
            {
                v.Add("title", $"{e.Name} is over: no more BoFs can be proposed.");
                return null;
            }
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO bofs (event_id, proposer_user_id, title, description, created_at, updated_at)
                VALUES (@eventId, @userId, @Title, @Description, @now, @now) RETURNING id
                """, new { eventId = e.Id, userId, values.Title, values.Description, now }, tx);
            return await FindAsync(c, tx, e.Id, id);
        }, ct);

    /// <summary>
    /// Marks or withdraws the user's interest. Null when there is no such BoF; the validator says why it was refused.
    /// Someone interested in a BoF that is already booked also gets it in their agenda.
    /// </summary>
    public async Task<BofRow?> SetInterestAsync(EventRow e, long bofId, long userId, bool interested, Validator v, CancellationToken ct = default)
    {
        var bof = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, batch) =>
        {
            if (await FindAsync(c, tx, e.Id, bofId) is not { } before) return null;
            if (!interested)
            {
                await c.ExecuteAsync("DELETE FROM bof_interest WHERE bof_id = @bofId AND user_id = @userId", new { bofId, userId }, tx);
                return await FindAsync(c, tx, e.Id, bofId);
            }
            if (before.IsCancelled) { v.Add("bof", "This BoF is cancelled."); return before; }
            if (before.ProposerUserId == userId) { v.Add("bof", "You proposed this BoF: it counts the interest of others."); return before; }
            await c.ExecuteAsync("""
                INSERT INTO bof_interest (bof_id, user_id, created_at) VALUES (@bofId, @userId, @now) ON CONFLICT DO NOTHING
                """, new { bofId, userId, now = clock.GetUtcNow() }, tx);
            var after = (await FindAsync(c, tx, e.Id, bofId))!;
            var threshold = await ThresholdAsync(c, tx, e.Id);
            if (!after.IsBooked && threshold > 0 && after.Interested >= threshold)
            {
                await batch.AddAsync(c, tx, BofNotices.ThresholdReached(e, after));
            }
            return after;
        }, ct);
        // Interest and the agenda go together for a booked BoF: joining adds it, leaving takes it out again.
        if (bof is { SessionId: { } sessionId, IsBooked: true } && !v.HasErrors)
        {
            if (interested) await agenda.StarAsync(userId, e.Id, sessionId, ct);
            else await agenda.UnstarAsync(userId, sessionId, ct);
        }
        return bof;
    }
}
