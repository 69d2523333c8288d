using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>What the confirm page shows: the talk and where its confirmation stands.</summary>
public sealed record ConfirmationView(long ProposalId, string Title, string ReleasedState, DateTimeOffset? ConfirmBy, string? Response, bool Open);

/// <summary>
/// Accepted speakers confirm or decline by the deadline, through the emailed link (a long random token, only its
/// hash kept) or the button on their proposal page. A decline, or a deadline that passes (checked lazily when
/// anyone looks, and by a recurring job), withdraws the talk and offers its slot to the best-ranked waitlisted
/// proposal of the same track and session type; an organiser confirms that offer with one click.
/// </summary>
public sealed class ConfirmationStore(Db db, TimeProvider clock, DecisionStore decisions, ReviewSetupStore setup, EventStore events, Outbox outbox,
    SpeakerTicketStore speakerTickets)
{
    /// <summary>The talk for a signed-in speaker of it, or for the bearer of a valid link; null for anyone else.</summary>
    public async Task<ConfirmationView?> FindAsync(ReviewContext ctx, long proposalId, string? token, long? speakerId, CancellationToken ct = default)
    {
        await ExpireOverdueAsync(ctx, ct);
        await using var c = await db.OpenAsync(ct);
        var target = await AuthorisedAsync(c, null, ctx.Event.Id, proposalId, token, speakerId);
        return target is null ? null : View(target);
    }

    /// <summary>The speaker's answer; done with true when the talk is confirmed, false when declined.</summary>
    public async Task<WriteResult<bool>> RespondAsync(ReviewContext ctx, long proposalId, string? token, long? speakerId, bool confirm, Validator v,
        CancellationToken ct = default)
    {
        await ExpireOverdueAsync(ctx, ct);
        return await outbox.WriteLockedWithNoticesAsync(ctx.Event.Id, async (c, tx, batch) =>
        {
            // Decisions, answers and withdrawals move proposal states by read-then-write: one writer per event.
            var p = await AuthorisedAsync(c, tx, ctx.Event.Id, proposalId, token, speakerId);
            if (p is null) return WriteResult<bool>.NotFound;
            if (confirm && p.State == ProposalStates.Confirmed) return WriteResult<bool>.Ok(true);
            if (!Open(p))
            {
                v.Add("response", p.Response == "expired"
                    ? "The deadline to confirm has passed, so the slot was offered to another speaker. Write to the organisers if you can still come."
                    : "This proposal is not waiting for your confirmation.");
                return WriteResult<bool>.Invalid(v);
            }
            var now = clock.GetUtcNow();
            await c.ExecuteAsync("UPDATE review_decisions SET response = @response, responded_at = @now WHERE proposal_id = @Id",
                new { p.Id, response = confirm ? "confirmed" : "declined", now }, tx);
            await ProposalDecisions.SpeakerAnswerInAsync(c, tx, p.Id, confirm, now);
            await SpeakerTicketsInAsync(c, tx, batch, ctx.Event.Id, p.Id, issue: confirm);
            if (!confirm) await OfferSlotInAsync(c, tx, ctx, p, "declined", now);
            return WriteResult<bool>.Ok(confirm);
        }, ct);
    }

    /// <summary>
    /// Withdraws accepted talks whose confirmation deadline has passed without an answer, offering their slots to
    /// the waitlist. Safe to call on every page view and from the recurring job; returns how many lapsed.
    /// </summary>
    public Task<int> ExpireOverdueAsync(ReviewContext ctx, CancellationToken ct = default) =>
        db.WriteLockedAsync(ctx.Event.Id, async (c, tx) =>
        {
            // Decisions, answers and withdrawals move proposal states by read-then-write: one writer per event.
            var now = clock.GetUtcNow();
            var lapsed = (await c.QueryAsync<DecisionTarget>($"""
                {DecisionWrites.TargetSql}
                WHERE p.event_id = @eventId AND p.state = 'accepted' AND p.released_state = 'accepted'
                  AND d.response IS NULL AND d.confirm_by IS NOT NULL AND d.confirm_by <= @now
                """, new { eventId = ctx.Event.Id, now }, tx)).AsList();
            foreach (var p in lapsed)
            {
                await c.ExecuteAsync("UPDATE review_decisions SET response = 'expired', responded_at = @now WHERE proposal_id = @Id", new { p.Id, now }, tx);
                await ProposalDecisions.SpeakerAnswerInAsync(c, tx, p.Id, confirmed: false, now);
                await OfferSlotInAsync(c, tx, ctx, p, "expired", now);
            }
            return lapsed.Count;
        }, ct);

    /// <summary>The recurring job: every event with a deadline that has passed unanswered.</summary>
    public async Task<int> ExpireAllOverdueAsync(CancellationToken ct = default)
    {
        IReadOnlyList<string> slugs;
        await using (var c = await db.OpenAsync(ct))
        {
            slugs = (await c.QueryAsync<string>("""
                SELECT DISTINCT e.slug FROM review_decisions d JOIN proposals p ON p.id = d.proposal_id JOIN events e ON e.id = p.event_id
                WHERE d.response IS NULL AND d.confirm_by <= @now AND p.state = 'accepted' AND p.released_state = 'accepted'
                """, new { now = clock.GetUtcNow() })).AsList();
        }
        var total = 0;
        foreach (var slug in slugs)
        {
            if (await events.FindAsync(slug, ct) is { } e) total += await ExpireOverdueAsync(await setup.LoadContextAsync(e, ct), ct);
        }
        return total;
    }

    /// <summary>The organiser's one click: the offered waitlisted proposal is accepted and told at once.</summary>
    public async Task<bool> ConfirmOfferAsync(ReviewContext ctx, long offerId, long organiserId, Validator v, CancellationToken ct = default)
    {
        var done = await outbox.WriteLockedWithNoticesAsync(ctx.Event.Id, async (c, tx, notices) =>
        {
            // Decisions, answers and withdrawals move proposal states by read-then-write: one writer per event.
            var offer = await c.QuerySingleOrDefaultAsync<SlotOfferRow>("""
                SELECT id, event_id, vacated_proposal_id, candidate_proposal_id, reason, created_at, resolution
                FROM review_slot_offers WHERE id = @offerId AND event_id = @eventId
                """, new { offerId, eventId = ctx.Event.Id }, tx);
            if (offer is null) return (bool?)null;
            if (offer.Resolution is not null) v.Add("offer", "This offer has already been dealt with.");
            var candidate = offer.CandidateProposalId is { } id
                ? await c.QuerySingleOrDefaultAsync<DecisionTarget>($"{DecisionWrites.TargetSql} WHERE p.id = @id", new { id }, tx)
                : null;
            if (candidate is null) v.Add("offer", "No waitlisted proposal of that track and session type is left to offer the slot to.");
            else if (candidate.State != ProposalStates.Waitlisted) v.Add("offer", $"\"{candidate.Title}\" is no longer waitlisted ({ProposalStates.Label(candidate.State).ToLowerInvariant()}).");
            if (v.HasErrors) return false;
            var now = clock.GetUtcNow();
            await DecisionWrites.DecideInAsync(c, tx, notices, ctx, candidate!, ProposalStates.Accepted, includeNotes: true, organiserId, now);
            var accepted = await c.QuerySingleAsync<DecisionTarget>($"{DecisionWrites.TargetSql} WHERE p.id = @Id", candidate!, tx);
            await decisions.ReleaseInAsync(c, tx, ctx, accepted, now);
            await c.ExecuteAsync("UPDATE review_slot_offers SET resolution = 'confirmed', resolved_by = @organiserId, resolved_at = @now WHERE id = @offerId",
                new { offerId, organiserId, now }, tx);
            return true;
        }, ct);
        if (done == true)
        {
            await decisions.SweepMailAsync(ctx.Event.Id, ct);
            decisions.KickWebhooks();
        }
        if (done is null) v.Add("offer", "There is no such offer.");
        return done == true;
    }

    public Task<bool> DismissOfferAsync(long eventId, long offerId, long organiserId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            UPDATE review_slot_offers SET resolution = 'dismissed', resolved_by = @organiserId, resolved_at = @now
            WHERE id = @offerId AND event_id = @eventId AND resolution IS NULL
            """, new { offerId, eventId, organiserId, now = clock.GetUtcNow() }, tx) == 1, ct);

    /// <summary>
    /// A confirmed talk earns each of its speakers the event's speaker ticket (Tickets issues it, with its mail, if the
    /// event has a speaker ticket type); a talk given up no longer does, and the ticket is revoked unless another
    /// confirmed talk of theirs in the event still earns it (the grants per talk decide).
    /// </summary>
    internal async Task SpeakerTicketsInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, long eventId, long proposalId, bool issue)
    {
        var speakers = (await c.QueryAsync<long>("SELECT user_id FROM proposal_speakers WHERE proposal_id = @proposalId", new { proposalId }, tx)).AsList();
        foreach (var userId in speakers)
        {
            if (issue) await speakerTickets.IssueSpeakerTicketInAsync(c, tx, batch, eventId, userId, proposalId);
            else await speakerTickets.RevokeSpeakerTicketInAsync(c, tx, eventId, userId, proposalId);
        }
    }

    /// <summary>
    /// A speaker withdrew through the call for papers (see <see cref="ReviewWithdrawals"/>): an accepted or confirmed
    /// talk frees its place exactly as a decline does, in the withdrawal's transaction.
    /// </summary>
    internal async Task WithdrawnInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, long eventId, long proposalId, string previousState,
        DateTimeOffset now)
    {
        await SpeakerTicketsInAsync(c, tx, batch, eventId, proposalId, issue: false);
        if (previousState is not (ProposalStates.Accepted or ProposalStates.Confirmed)) return;
        var slug = await c.ExecuteScalarAsync<string>("SELECT slug FROM events WHERE id = @eventId", new { eventId }, tx);
        if (await events.FindAsync(slug!) is not { } e) return;
        var ctx = await setup.LoadContextAsync(e);
        var vacated = await c.QuerySingleAsync<DecisionTarget>($"{DecisionWrites.TargetSql} WHERE p.id = @proposalId", new { proposalId }, tx);
        await OfferSlotInAsync(c, tx, ctx, vacated, "withdrawn", now);
    }

    // The top waitlisted proposal of the same first-choice track and session type, by the ranking's total, that no
    // other open offer names already. None: the offer is still recorded, so the organisers see the free slot.
    private static async Task OfferSlotInAsync(IDbConnection c, IDbTransaction tx, ReviewContext ctx, DecisionTarget vacated, string reason, DateTimeOffset now)
    {
        var candidates = (await c.QueryAsync<long>($"""
            SELECT p.id FROM proposals p
            WHERE p.event_id = @eventId AND p.state = 'waitlisted' AND p.session_type_id = @SessionTypeId AND {ReviewerScope.FirstTrack} IS NOT DISTINCT FROM @TrackId
              AND p.id NOT IN (SELECT candidate_proposal_id FROM review_slot_offers WHERE resolution IS NULL AND candidate_proposal_id IS NOT NULL)
            """, new { eventId = ctx.Event.Id, vacated.SessionTypeId, vacated.TrackId }, tx)).AsList();
        var totals = await RankingQuery.TotalsAsync(c, tx, candidates, ctx);
        long? best = candidates.OrderByDescending(id => totals[id] ?? double.MinValue).ThenBy(id => id).Select(id => (long?)id).FirstOrDefault();
        await c.ExecuteAsync("""
            INSERT INTO review_slot_offers (event_id, vacated_proposal_id, candidate_proposal_id, reason, created_at)
            VALUES (@eventId, @vacated, @best, @reason, @now) ON CONFLICT (vacated_proposal_id) DO NOTHING
            """, new { eventId = ctx.Event.Id, vacated = vacated.Id, best, reason, now }, tx);
    }

    private async Task<DecisionTarget?> AuthorisedAsync(IDbConnection c, IDbTransaction? tx, long eventId, long proposalId, string? token, long? speakerId)
    {
        var hash = string.IsNullOrEmpty(token) ? null : DecisionWrites.TokenHash(token);
        return await c.QuerySingleOrDefaultAsync<DecisionTarget>($"""
            {DecisionWrites.TargetSql}
            WHERE p.id = @proposalId AND p.event_id = @eventId AND d.proposal_id IS NOT NULL
              AND (EXISTS (SELECT 1 FROM review_confirm_tokens t WHERE t.token_hash = @hash AND t.proposal_id = p.id AND t.round = d.round)
                   OR EXISTS (SELECT 1 FROM proposal_speakers s WHERE s.proposal_id = p.id AND s.user_id = @speakerId))
            """, new { proposalId, eventId, hash, speakerId }, tx);
    }

    private bool Open(DecisionTarget p) =>
        p is { State: ProposalStates.Accepted, ReleasedState: ProposalStates.Accepted, Response: null }
        && p.ConfirmBy is { } by && clock.GetUtcNow() < by && p.ReleasedRound == p.Round;

    private ConfirmationView View(DecisionTarget p) => new(p.Id, p.Title, p.ReleasedState, p.ConfirmBy, p.Response, Open(p));
}
