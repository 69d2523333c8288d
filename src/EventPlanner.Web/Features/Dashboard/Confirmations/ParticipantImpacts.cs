using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What cancelling a BoF or a community session, withdrawing a proposal or giving back a ticket touches, in words, from
/// the counts each owning feature reads of its own tables (<c>*Impact</c> there). The callers have already checked who
/// may act; these only count. Each takes a connection and transaction, so the confirming post can recount inside its write.
/// </summary>
public sealed class ParticipantImpacts(Db db)
{
    private const string Live = "This changes the public schedule at once: BoFs and community sessions are published when they are booked, not in releases.";

    public Task<Impact?> BofAsync(long eventId, long bofId, CancellationToken ct = default) =>
        db.ReadAsync(c => BofAsync(c, null, eventId, bofId), ct);

    public static async Task<Impact?> BofAsync(IDbConnection c, IDbTransaction? tx, long eventId, long bofId)
    {
        var bof = await BofImpact.BofAsync(c, tx, eventId, bofId);
        if (bof.Title is null) return null;
        return new Impact(bof.Title, [
            new("interested", bof.Interested, $"{N(bof.Interested, "person said they are", "people said they are")} interested; they are told it is cancelled."),
            new("slot", bof.Booked ? 1 : 0, bof.Booked ? "Its booked slot is freed for another BoF." : "It has no booked slot."),
        ], bof.OnSchedule ? Live : "It is not on the public schedule; the BoF page stops listing it at once.");
    }

    public Task<Impact?> CommunitySessionAsync(long eventId, long blockId, long sessionId, CancellationToken ct = default) =>
        db.ReadAsync(c => CommunitySessionAsync(c, null, eventId, blockId, sessionId), ct);

    public static async Task<Impact?> CommunitySessionAsync(IDbConnection c, IDbTransaction? tx, long eventId, long blockId, long sessionId)
    {
        if (await CommunityImpact.BlockSessionTitleAsync(c, tx, eventId, blockId, sessionId) is not { } title) return null;
        var (speakers, stars, released) = await ScheduleImpact.SessionCountsAsync(c, tx, eventId, sessionId);
        return new Impact(title, [
            new("speakers", speakers, $"{N(speakers, "speaker with an account is", "speakers with accounts are")} on it."),
            new("stars", stars, $"{N(stars, "attendee starred", "attendees starred")} it for their agenda."),
            new("released", released ? 1 : 0, released
                ? "It has been in a released schedule, so it stays there marked as cancelled."
                : "It has never been in a released schedule, so it is removed altogether."),
        ], Live);
    }

    /// <summary>What the speaker sees: the released decision, never one the organisers have not released yet.</summary>
    public Task<Impact?> WithdrawalAsync(long eventId, long proposalId, long userId, CancellationToken ct = default) =>
        db.ReadAsync(c => WithdrawalAsync(c, null, eventId, proposalId, userId), ct);

    public static async Task<Impact?> WithdrawalAsync(IDbConnection c, IDbTransaction? tx, long eventId, long proposalId, long userId)
    {
        var p = await SubmissionImpact.OwnProposalAsync(c, tx, eventId, proposalId, userId);
        if (p.Title is null) return null;
        var accepted = p.Released is "accepted" or "confirmed";
        var placed = accepted ? await ScheduleImpact.LiveSessionsOfProposalAsync(c, tx, proposalId) : 0;
        var tickets = accepted ? await TicketImpact.ValidSpeakerTicketsAsync(c, tx, proposalId) : 0;
        return new Impact(p.Title, [
            new("co-speakers", p.CoSpeakers, $"{N(p.CoSpeakers, "co-speaker loses", "co-speakers lose")} this proposal too."),
            new("accepted", accepted ? 1 : 0, accepted
                ? "It is an accepted talk: the organisers are told, and its place may go to the next talk on the waiting list."
                : "It has not been accepted: it simply leaves the review."),
            new("sessions", placed, $"{N(placed, "session on the organisers' schedule belongs", "sessions on the organisers' schedule belong")} to it."),
            new("speaker-tickets", tickets, $"{N(tickets, "speaker ticket given for this talk is", "speaker tickets given for this talk are")} revoked."),
        ], placed > 0
            ? "The public schedule changes only when the organisers next release it."
            : "Nothing on the public schedule changes.");
    }

    public Task<Impact?> TicketAsync(long ticketId, long holderId, CancellationToken ct = default) =>
        db.ReadAsync(c => TicketAsync(c, null, ticketId, holderId), ct);

    public static async Task<Impact?> TicketAsync(IDbConnection c, IDbTransaction? tx, long ticketId, long holderId)
    {
        var t = await TicketImpact.HeldTicketAsync(c, tx, ticketId, holderId);
        if (t.Type is null) return null;
        var next = t.UsesQuota && t.Waiting > 0;
        return new Impact($"your {t.Type} ticket", [
            new("ticket", 1, "Your ticket stops working at once; you would need to register again, if places remain."),
            new("transfers", t.Offers, $"{N(t.Offers, "open transfer offer of this ticket is", "open transfer offers of this ticket are")} withdrawn."),
            new("waiting", next ? 1 : 0, next
                ? $"Your place goes to the first of {N(t.Waiting, "person", "people")} on the waiting list."
                : "Your place is freed for anyone registering."),
        ], "Nothing on the public schedule changes.");
    }

    /// <summary>A host withdrawing a request or an approved block: an approved one takes its sessions off the schedule.</summary>
    public Task<Impact?> BlockWithdrawalAsync(long eventId, long groupId, long blockId, CancellationToken ct = default) =>
        db.ReadAsync(c => BlockWithdrawalAsync(c, null, eventId, groupId, blockId), ct);

    public static async Task<Impact?> BlockWithdrawalAsync(IDbConnection c, IDbTransaction? tx, long eventId, long groupId, long blockId)
    {
        var b = await CommunityImpact.BlockAsync(c, tx, eventId, groupId, blockId);
        if (b.Status is null) return null;
        var approved = b.Status == "approved";
        return new Impact(approved ? "your approved block" : "your room request", [
            new("approved", approved ? 1 : 0, approved ? "The block is approved: the room is given back." : "The request is not approved yet: the organisers simply stop seeing it."),
            new("sessions", b.Sessions, $"{N(b.Sessions, "session in it is", "sessions in it are")} cancelled."),
            new("stars", b.Stars, $"{N(b.Stars, "star by attendees is", "stars by attendees are")} on those sessions."),
        ], approved ? Live : "Nothing on the public schedule changes.");
    }
}
