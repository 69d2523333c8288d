using System.Data;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>A proposal about to be decided, with its decision bookkeeping.</summary>
public sealed record DecisionTarget
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string State { get; init; } = "";
    public string ReleasedState { get; init; } = "";
    public long SessionTypeId { get; init; }
    public long? TrackId { get; init; }
    public int? Round { get; init; }
    public int? ReleasedRound { get; init; }
    public DateTimeOffset? ConfirmBy { get; init; }
    public string? Response { get; init; }
}

/// <summary>
/// The pieces of a decision that run inside a caller's transaction, so the proposal's state, the bookkeeping and
/// the held decision mail commit together. Mail keys are <c>decision:{proposal}:{state}:{speaker}:r{round}</c>.
/// </summary>
internal static class DecisionWrites
{
    public static readonly string TargetSql = $"""
        SELECT p.id, p.title, p.state, p.released_state, p.session_type_id, {ReviewerScope.FirstTrack} AS track_id,
               d.round, d.released_round, d.confirm_by, d.response
        FROM proposals p LEFT JOIN review_decisions d ON d.proposal_id = p.id
        """;

    public static string MailKey(long proposalId, string state, long userId, int round) => $"decision:{proposalId}:{state}:{userId}:r{round}";

    public static bool TryParseMailKey(string key, out (long ProposalId, string State, int Round) parsed)
    {
        parsed = default;
        var parts = key.Split(':');
        if (parts.Length != 5 || parts[0] != "decision" || !long.TryParse(parts[1], out var id) || !parts[4].StartsWith('r')
            || !int.TryParse(parts[4][1..], out var round)) return false;
        parsed = (id, parts[2], round);
        return true;
    }

    public static string TokenHash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Records a decision. Back to what the speakers were last told, it needs no mail (the round goes back to the
    /// released one); otherwise a new round begins if the last one was released, and each speaker gets a held mail.
    /// </summary>
    public static async Task DecideInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch notices, ReviewContext ctx, DecisionTarget p, string state,
        bool includeNotes, long organiserId, DateTimeOffset now)
    {
        int round;
        var mail = true;
        if (p.ReleasedRound is { } released && state == p.ReleasedState)
        {
            round = released;
            mail = false;
        }
        else round = p.Round is not { } current ? 1 : p.ReleasedRound == current ? current + 1 : current;

        await ProposalDecisions.SetDecisionInAsync(c, tx, p.Id, state);
        await c.ExecuteAsync("""
            INSERT INTO review_decisions (proposal_id, event_id, decided_by, decided_at, round) VALUES (@Id, @eventId, @organiserId, @now, @round)
            ON CONFLICT (proposal_id) DO UPDATE SET decided_by = excluded.decided_by, decided_at = excluded.decided_at, round = excluded.round
            """, new { p.Id, eventId = ctx.Event.Id, organiserId, now, round }, tx);
        if (mail) await QueueMailAsync(c, tx, notices, ctx, p, state, round, includeNotes, now);
    }

    /// <summary>Speakers now see the decision; an acceptance starts the confirmation clock.</summary>
    public static async Task ReleaseInAsync(IDbConnection c, IDbTransaction tx, ReviewContext ctx, DecisionTarget p, DateTimeOffset now)
    {
        await ProposalDecisions.ReleaseDecisionInAsync(c, tx, p.Id);
        await c.ExecuteAsync("""
            INSERT INTO review_decisions (proposal_id, event_id, decided_at, round, released_round, released_at, confirm_by)
            VALUES (@Id, @eventId, @now, 1, 1, @now, @confirmBy)
            ON CONFLICT (proposal_id) DO UPDATE SET released_round = review_decisions.round, released_at = excluded.released_at,
                confirm_by = excluded.confirm_by, response = NULL, responded_at = NULL
            """, new
        {
            p.Id, eventId = ctx.Event.Id, now,
            confirmBy = p.State == ProposalStates.Accepted ? now.AddDays(ctx.Settings.ConfirmDays) : (DateTimeOffset?)null,
        }, tx);
    }

    private static async Task QueueMailAsync(IDbConnection c, IDbTransaction tx, OutboxBatch notices, ReviewContext ctx, DecisionTarget p, string state,
        int round, bool includeNotes, DateTimeOffset now)
    {
        var speakers = (await c.QueryAsync<long>("SELECT user_id FROM proposal_speakers WHERE proposal_id = @Id ORDER BY is_owner DESC, joined_at", p, tx)).AsList();
        var notes = includeNotes
            ? (await c.QueryAsync<string>($"""
                SELECT r.note_to_speaker FROM reviews r WHERE r.proposal_id = @Id AND r.abstained = FALSE AND trim(r.note_to_speaker) <> '' AND {ReviewStore.ReviewCounts}
                ORDER BY r.id
                """, p, tx)).AsList()
            : [];
        var kind = "decision-" + state;
        var slug = ctx.Event.Slug;
        foreach (var userId in speakers)
        {
            var values = new Dictionary<string, string>
            {
                ["title"] = p.Title,
                ["proposal_link"] = $"/events/{slug}/proposals/{p.Id}",
                ["reviewer_notes"] = notes.Count == 0 ? "" : "Notes from the reviewers: " + string.Join(" / ", notes.Select(n => n.Trim())),
            };
            string? token = null;
            if (state == ProposalStates.Accepted)
            {
                token = Outbox.Token(32);
                values["confirm_link"] = $"/events/{slug}/proposals/{p.Id}/confirm?token={token}";
                values["confirm_days"] = ctx.Settings.ConfirmDays.ToString();
            }
            var id = await notices.AddAsync(c, tx, new NotificationRequest(MailKey(p.Id, state, userId, round), kind, userId, ctx.Event.Id, values));
            if (id is not null && token is not null)
            {
                await c.ExecuteAsync("INSERT INTO review_confirm_tokens (token_hash, proposal_id, round, created_at) VALUES (@hash, @Id, @round, @now)",
                    new { hash = TokenHash(token), p.Id, round, now }, tx);
            }
        }
    }
}
