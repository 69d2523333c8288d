using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Schedule;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What cancelling a BoF or a community session, withdrawing a proposal or giving back a ticket touches, read when the
/// confirmation is shown and again when it is posted. The callers have already checked who may act; these only count.
/// </summary>
public sealed class ParticipantImpacts(Db db)
{
    private const string Live = "This changes the public schedule at once: BoFs and community sessions are published when they are booked, not in releases.";

    public async Task<Impact?> BofAsync(long eventId, long bofId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var bof = await c.QuerySingleOrDefaultAsync<(string? Title, long Interested, long Booked, long OnSchedule)>("""
            SELECT b.title, (SELECT COUNT(*) FROM bof_interest i WHERE i.bof_id = b.id), b.slot_id IS NOT NULL, b.session_id IS NOT NULL
            FROM bofs b WHERE b.id = @bofId AND b.event_id = @eventId AND b.is_cancelled = FALSE
            """, new { eventId, bofId });
        if (bof.Title is null) return null;
        return new Impact(bof.Title, [
            new("interested", (int)bof.Interested, $"{N((int)bof.Interested, "person said they are", "people said they are")} interested; they are told it is cancelled."),
            new("slot", (int)bof.Booked, bof.Booked > 0 ? "Its booked slot is freed for another BoF." : "It has no booked slot."),
        ], bof.OnSchedule > 0 ? Live : "It is not on the public schedule; the BoF page stops listing it at once.");
    }

    public async Task<Impact?> CommunitySessionAsync(long eventId, long blockId, long sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var title = await c.ExecuteScalarAsync<string?>("""
            SELECT s.title FROM schedule_sessions s JOIN community_block_sessions b ON b.session_id = s.id
            WHERE s.id = @sessionId AND s.event_id = @eventId AND b.block_id = @blockId AND s.is_cancelled = FALSE
            """, new { eventId, blockId, sessionId });
        if (title is null) return null;
        var (speakers, stars, released) = await c.QuerySingleAsync<(long, long, long)>($"""
            SELECT
              (SELECT COUNT(*) FROM schedule_session_speakers WHERE session_id = @sessionId),
              (SELECT COUNT(*) FROM schedule_stars WHERE session_id = @sessionId),
              ({ReleasedSessionsSql.Select(c, "COUNT(*)")} AND {ReleasedSessionsSql.Id(c)} = @sessionId)
            """, new { eventId, sessionId });
        return new Impact(title, [
            new("speakers", (int)speakers, $"{N((int)speakers, "speaker with an account is", "speakers with accounts are")} on it."),
            new("stars", (int)stars, $"{N((int)stars, "attendee starred", "attendees starred")} it for their agenda."),
            new("released", released > 0 ? 1 : 0, released > 0
                ? "It has been in a released schedule, so it stays there marked as cancelled."
                : "It has never been in a released schedule, so it is removed altogether."),
        ], Live);
    }

    /// <summary>What the speaker sees: the released decision, never one the organisers have not released yet.</summary>
    public async Task<Impact?> WithdrawalAsync(long eventId, long proposalId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var p = await c.QuerySingleOrDefaultAsync<(string? Title, string Released, long CoSpeakers)>("""
            SELECT p.title, p.released_state, (SELECT COUNT(*) FROM proposal_speakers o WHERE o.proposal_id = p.id AND o.user_id <> @userId)
            FROM proposals p JOIN proposal_speakers me ON me.proposal_id = p.id AND me.user_id = @userId
            WHERE p.id = @proposalId AND p.event_id = @eventId
            """, new { eventId, proposalId, userId });
        if (p.Title is null) return null;
        var accepted = p.Released is "accepted" or "confirmed";
        var (placed, tickets) = accepted ? await c.QuerySingleAsync<(long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM schedule_sessions WHERE proposal_id = @proposalId AND is_cancelled = FALSE),
              (SELECT COUNT(*) FROM speaker_ticket_grants g JOIN tickets t ON t.id = g.ticket_id WHERE g.proposal_id = @proposalId AND t.status = 'valid')
            """, new { proposalId }) : (0L, 0L);
        return new Impact(p.Title, [
            new("co-speakers", (int)p.CoSpeakers, $"{N((int)p.CoSpeakers, "co-speaker loses", "co-speakers lose")} this proposal too."),
            new("accepted", accepted ? 1 : 0, accepted
                ? "It is an accepted talk: the organisers are told, and its place may go to the next talk on the waiting list."
                : "It has not been accepted: it simply leaves the review."),
            new("sessions", (int)placed, $"{N((int)placed, "session on the organisers' schedule belongs", "sessions on the organisers' schedule belong")} to it."),
            new("speaker-tickets", (int)tickets, $"{N((int)tickets, "speaker ticket given for this talk is", "speaker tickets given for this talk are")} revoked."),
        ], placed > 0
            ? "The public schedule changes only when the organisers next release it."
            : "Nothing on the public schedule changes.");
    }

    public async Task<Impact?> TicketAsync(long ticketId, long holderId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var t = await c.QuerySingleOrDefaultAsync<(string? Type, long UsesQuota, long Offers, long Waiting)>("""
            SELECT tt.name, t.uses_quota,
              (SELECT COUNT(*) FROM ticket_transfers x WHERE x.ticket_id = t.id AND x.status IN ('open', 'chosen', 'awaiting_approval')),
              (SELECT COUNT(*) FROM waiting_list w WHERE w.ticket_type_id = t.ticket_type_id AND w.status = 'waiting')
            FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id
            WHERE t.id = @ticketId AND t.holder_user_id = @holderId AND t.status IN ('pending', 'valid')
            """, new { ticketId, holderId });
        if (t.Type is null) return null;
        var next = t.UsesQuota > 0 && t.Waiting > 0;
        return new Impact($"your {t.Type} ticket", [
            new("ticket", 1, "Your ticket stops working at once; you would need to register again, if places remain."),
            new("transfers", (int)t.Offers, $"{N((int)t.Offers, "open transfer offer of this ticket is", "open transfer offers of this ticket are")} withdrawn."),
            new("waiting", next ? 1 : 0, next
                ? $"Your place goes to the first of {N((int)t.Waiting, "person", "people")} on the waiting list."
                : "Your place is freed for anyone registering."),
        ], "Nothing on the public schedule changes.");
    }
    /// <summary>A host withdrawing a request or an approved block: an approved one takes its sessions off the schedule.</summary>
    public async Task<Impact?> BlockWithdrawalAsync(long eventId, long groupId, long blockId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var b = await c.QuerySingleOrDefaultAsync<(string? Status, long Sessions, long Stars)>("""
            SELECT b.status,
              (SELECT COUNT(*) FROM community_block_sessions x JOIN schedule_sessions s ON s.id = x.session_id WHERE x.block_id = b.id AND s.is_cancelled = FALSE),
              (SELECT COUNT(*) FROM community_block_sessions x JOIN schedule_stars st ON st.session_id = x.session_id WHERE x.block_id = b.id)
            FROM community_blocks b WHERE b.id = @blockId AND b.event_id = @eventId AND b.group_id = @groupId
              AND b.status NOT IN ('withdrawn', 'declined')
            """, new { eventId, groupId, blockId });
        if (b.Status is null) return null;
        var approved = b.Status == "approved";
        return new Impact(approved ? "your approved block" : "your room request", [
            new("approved", approved ? 1 : 0, approved ? "The block is approved: the room is given back." : "The request is not approved yet: the organisers simply stop seeing it."),
            new("sessions", (int)b.Sessions, $"{N((int)b.Sessions, "session in it is", "sessions in it are")} cancelled."),
            new("stars", (int)b.Stars, $"{N((int)b.Stars, "star by attendees is", "stars by attendees are")} on those sessions."),
        ], approved ? Live : "Nothing on the public schedule changes.");
    }
}
