using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Reviews;

public sealed record DecisionLine
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string State { get; init; } = "";
    public string ReleasedState { get; init; } = "";
    public string? Response { get; init; }
    public DateTimeOffset? ConfirmBy { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
}

public sealed record DecisionOverview(IReadOnlyList<DecisionLine> Lines, IReadOnlyList<SlotOfferRow> Offers, int HeldMails)
{
    public IReadOnlyList<DecisionLine> Unreleased => Lines.Where(l => l.State != l.ReleasedState && RankingQuery.DecisionStates.Contains(l.State)).ToList();
    public IReadOnlyList<DecisionLine> AwaitingConfirmation =>
        Lines.Where(l => l is { State: ProposalStates.Accepted, ReleasedState: ProposalStates.Accepted, Response: null }).ToList();
}

/// <summary>
/// Decisions and their release. A decision changes <c>proposals.state</c> and queues a held mail per speaker in the
/// same transaction; nothing reaches a speaker until an organiser releases the decisions, which copies the state
/// into <c>released_state</c> and lets exactly the mails of the released decisions go (older ones are discarded).
/// </summary>
public sealed class DecisionStore(Db db, TimeProvider clock, Outbox outbox, NotificationStore notifications, WebhookOutbox webhooks)
{
    public const int MaxBulk = 5_000;

    /// <summary>Decides many proposals at once; returns how many changed, or null with field messages (and no change at all).</summary>
    public async Task<int?> DecideAsync(ReviewContext ctx, IReadOnlyList<long>? ids, string? state, bool includeNotes, long organiserId, Validator v,
        CancellationToken ct = default)
    {
        var decision = state?.Trim().ToLowerInvariant() ?? "";
        if (!RankingQuery.DecisionStates.Contains(decision)) v.Add("state", $"Decide one of: {string.Join(", ", RankingQuery.DecisionStates)}.");
        var chosen = (ids ?? []).Distinct().ToList();
        if (chosen.Count == 0) v.Add("proposalIds", "Choose at least one proposal.");
        if (chosen.Count > MaxBulk) v.Add("proposalIds", $"Decide at most {MaxBulk} proposals at once.");
        if (v.HasErrors) return null;
        var changed = await outbox.WriteLockedWithNoticesAsync(ctx.Event.Id, async (c, tx, notices) =>
        {
            // Decisions, answers and withdrawals move proposal states by read-then-write: one writer per event.
            var targets = (await c.QueryAsync<DecisionTarget>($"{DecisionWrites.TargetSql} WHERE p.event_id = @eventId AND {db.Dialect.InList("p.id", "@chosen")}",
                new { eventId = ctx.Event.Id, chosen }, tx)).AsList();
            var missing = chosen.Except(targets.Select(t => t.Id)).ToList();
            if (missing.Count > 0) v.Add("proposalIds", $"Not proposals of this event: {string.Join(", ", missing)}.");
            var closed = targets.Where(t => t.State is ProposalStates.Draft or ProposalStates.Withdrawn or ProposalStates.Confirmed).ToList();
            if (closed.Count > 0)
            {
                v.Add("proposalIds", "Drafts, withdrawn proposals and talks their speakers have confirmed cannot be decided: " +
                                     string.Join(", ", closed.Select(t => $"\"{t.Title}\" ({ProposalStates.Label(t.State).ToLowerInvariant()})")) + ".");
            }
            if (v.HasErrors) return (int?)null;
            var now = clock.GetUtcNow();
            var count = 0;
            foreach (var t in targets.Where(t => t.State != decision))
            {
                await DecisionWrites.DecideInAsync(c, tx, notices, ctx, t, decision, includeNotes, organiserId, now);
                count++;
            }
            return count;
        }, ct);
        if (changed > 0) await SweepMailAsync(ctx.Event.Id, ct);
        return changed;
    }

    /// <summary>Releases the decisions not yet released (the given ones, or all): speakers see them and their mails go.</summary>
    public async Task<int> ReleaseAsync(ReviewContext ctx, IReadOnlyList<long>? ids, CancellationToken ct = default)
    {
        var released = await db.WriteLockedAsync(ctx.Event.Id, async (c, tx) =>
        {
            // Decisions, answers and withdrawals move proposal states by read-then-write: one writer per event.
            var targets = (await c.QueryAsync<DecisionTarget>($"""
                {DecisionWrites.TargetSql}
                WHERE p.event_id = @eventId AND {db.Dialect.InList("p.state", "@states")} AND p.state <> p.released_state AND (@all OR {db.Dialect.InList("p.id", "@ids")})
                """, new { eventId = ctx.Event.Id, states = RankingQuery.DecisionStates, all = ids is null, ids = ids ?? [] }, tx)).AsList();
            var now = clock.GetUtcNow();
            foreach (var t in targets) await ReleaseInAsync(c, tx, ctx, t, now);
            return targets.Count;
        }, ct);
        if (released > 0) webhooks.Kick();
        await SweepMailAsync(ctx.Event.Id, ct);
        return released;
    }

    /// <summary>
    /// Releases one decision in the caller's transaction and tells the event's webhooks (proposal.state_changed: the
    /// proposal's id, title and states, never reviewer data or speakers' addresses). The caller calls <see cref="KickWebhooks"/> after commit.
    /// </summary>
    public async Task ReleaseInAsync(IDbConnection c, IDbTransaction tx, ReviewContext ctx, DecisionTarget t, DateTimeOffset now)
    {
        await DecisionWrites.ReleaseInAsync(c, tx, ctx, t, now);
        await webhooks.PublishAsync(c, tx, ctx.Event.Id, WebhookEventTypes.ProposalStateChanged, new
        {
            proposal = new { id = t.Id, title = t.Title, state = t.State, previousState = t.ReleasedState is { Length: > 0 } was ? was : ProposalStates.Submitted },
            releasedAt = now,
        });
    }

    public void KickWebhooks() => webhooks.Kick();

    /// <summary>
    /// Brings the held decision mails in line with the decisions: a mail for the current, released decision goes;
    /// a mail for a decision since changed is discarded; a mail for the current, unreleased decision stays held.
    /// Idempotent, so a release interrupted between its commit and this step is completed by the next one.
    /// (It reads the outbox table; the writes go through the notifications feature's store.)
    /// </summary>
    public async Task SweepMailAsync(long eventId, CancellationToken ct = default)
    {
        List<(long Id, string DedupeKey)> held;
        Dictionary<long, DecisionTarget> decisions;
        await using (var c = await db.OpenAsync(ct))
        {
            using var grid = await c.QueryMultipleAsync($"""
                SELECT id, dedupe_key FROM notifications WHERE event_id = @eventId AND state = 'held' AND dedupe_key LIKE 'decision:%';
                {DecisionWrites.TargetSql} WHERE p.event_id = @eventId AND d.proposal_id IS NOT NULL;
                """, new { eventId });
            held = (await grid.ReadAsync<(long, string)>()).AsList();
            decisions = (await grid.ReadAsync<DecisionTarget>()).ToDictionary(d => d.Id);
        }
        var release = new List<long>();
        var discard = new List<long>();
        foreach (var (id, key) in held)
        {
            if (!DecisionWrites.TryParseMailKey(key, out var m) || !decisions.TryGetValue(m.ProposalId, out var d)) continue;
            var current = m.State == d.State && m.Round == d.Round;
            if (!current) discard.Add(id);
            else if (d.ReleasedState == d.State && d.ReleasedRound == d.Round) release.Add(id);
        }
        if (discard.Count > 0) await notifications.DiscardAsync(eventId, discard, ct);
        if (release.Count > 0) await notifications.ReleaseAsync(eventId, release, ct);
    }

    public async Task<DecisionOverview> OverviewAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync("""
            SELECT p.id, p.title, p.state, p.released_state, d.response, d.confirm_by, d.released_at
            FROM proposals p LEFT JOIN review_decisions d ON d.proposal_id = p.id
            WHERE p.event_id = @eventId AND (p.state IN ('shortlisted', 'accepted', 'waitlisted', 'rejected', 'confirmed') OR d.proposal_id IS NOT NULL)
            ORDER BY p.state, lower(p.title);
            SELECT o.id, o.event_id, o.vacated_proposal_id, v.title AS vacated_title, o.candidate_proposal_id, k.title AS candidate_title,
                   k.state AS candidate_state, o.reason, o.created_at, o.resolution, o.resolved_at
            FROM review_slot_offers o JOIN proposals v ON v.id = o.vacated_proposal_id LEFT JOIN proposals k ON k.id = o.candidate_proposal_id
            WHERE o.event_id = @eventId ORDER BY o.resolution IS NOT NULL, o.created_at DESC;
            SELECT COUNT(*) FROM notifications WHERE event_id = @eventId AND state = 'held' AND dedupe_key LIKE 'decision:%';
            """, new { eventId });
        return new DecisionOverview((await grid.ReadAsync<DecisionLine>()).AsList(), (await grid.ReadAsync<SlotOfferRow>()).AsList(),
            await grid.ReadSingleAsync<int>());
    }
}
