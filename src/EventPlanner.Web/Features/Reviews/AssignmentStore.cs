using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

public sealed record AssignmentRow
{
    public long ProposalId { get; init; }
    public string Title { get; init; } = "";
    public long UserId { get; init; }
    public string ReviewerName { get; init; } = "";
    public bool IsAutomatic { get; init; }
    public bool Reviewed { get; init; }
    public DateTimeOffset AssignedAt { get; init; }
}

public sealed record ReviewerLoadRow
{
    public long UserId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public int Assigned { get; init; }
    public int Reviewed { get; init; }
}

public sealed record AutoAssignResult(int Added, int Proposals, IReadOnlyList<long> Short, int MinLoad, int MaxLoad);

/// <summary>Who reviews what: by hand, or automatically with <see cref="AssignmentRules"/>. Only eligible reviewers are ever assigned.</summary>
public sealed class AssignmentStore(Db db, TimeProvider clock)
{
    // Over proposals p and a reviewer rv (an alias the scope's own sub-queries do not use, so nothing shadows it).
    private static readonly string Eligible =
        $"NOT {ReviewerScope.Conflicted.Replace("@userId", "rv.user_id")} AND {ReviewerScope.InTeamScope.Replace("@userId", "rv.user_id")}";

    public async Task<IReadOnlyList<AssignmentRow>> ListAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<AssignmentRow>("""
            SELECT a.proposal_id, p.title, a.user_id, u.display_name AS reviewer_name, a.is_automatic, a.assigned_at,
                   EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = a.proposal_id AND r.user_id = a.user_id) AS reviewed
            FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id JOIN users u ON u.id = a.user_id
            WHERE p.event_id = @eventId ORDER BY p.id, u.display_name
            """, new { eventId })).AsList();
    }

    /// <summary>The event's reviewers and organisers with how many proposals each is assigned and has reviewed.</summary>
    public async Task<IReadOnlyList<ReviewerLoadRow>> LoadsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ReviewerLoadRow>("""
            SELECT u.id AS user_id, u.display_name AS name, u.email, MIN(r.role) AS role,
                   (SELECT COUNT(*) FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id WHERE a.user_id = u.id AND p.event_id = @eventId) AS assigned,
                   (SELECT COUNT(*) FROM reviews x JOIN proposals p ON p.id = x.proposal_id WHERE x.user_id = u.id AND p.event_id = @eventId) AS reviewed
            FROM event_roles r JOIN users u ON u.id = r.user_id WHERE r.event_id = @eventId
            GROUP BY u.id ORDER BY MIN(r.role) DESC, u.display_name
            """, new { eventId })).AsList();
    }

    /// <summary>Assigns one reviewer by hand; refused when they speak on it, have a conflict, or review other tracks or types.</summary>
    public Task<bool> AssignAsync(long eventId, long proposalId, long reviewerId, long organiserId, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var found = await c.QuerySingleOrDefaultAsync<(long Id, bool Eligible)?>($"""
                SELECT p.id, ({Eligible}) FROM proposals p CROSS JOIN (SELECT @reviewerId AS user_id) rv
                WHERE p.id = @proposalId AND p.event_id = @eventId AND p.state NOT IN ('draft', 'withdrawn')
                """, new { eventId, proposalId, reviewerId }, tx);
            if (found is null)
            {
                v.Add("proposalId", "There is no such proposal under review in this event.");
                return false;
            }
            var role = await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM event_roles WHERE event_id = @eventId AND user_id = @reviewerId)",
                new { eventId, reviewerId }, tx);
            if (!role) v.Add("reviewerId", "That person is not a reviewer or organiser of this event.");
            else if (!found.Value.Eligible) v.Add("reviewerId", "That reviewer may not review this proposal: they speak on it, declared a conflict, or their team covers other tracks or session types.");
            if (v.HasErrors) return false;
            await c.ExecuteAsync("""
                INSERT INTO review_assignments (proposal_id, user_id, is_automatic, assigned_by, assigned_at) VALUES (@proposalId, @reviewerId, FALSE, @organiserId, @now)
                ON CONFLICT DO NOTHING
                """, new { proposalId, reviewerId, organiserId, now = clock.GetUtcNow() }, tx);
            return true;
        }, ct);

    public Task<bool> UnassignAsync(long eventId, long proposalId, long reviewerId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            DELETE FROM review_assignments WHERE user_id = @reviewerId
            AND proposal_id IN (SELECT id FROM proposals WHERE id = @proposalId AND event_id = @eventId)
            """, new { eventId, proposalId, reviewerId }, tx) == 1, ct);

    /// <summary>
    /// Gives every proposal in the chosen states <paramref name="perProposal"/> eligible reviewers (the event's
    /// reviewers, or one team's members), keeping the assignments that exist, in one transaction.
    /// </summary>
    public Task<AutoAssignResult> AutoAssignAsync(long eventId, int perProposal, IReadOnlyList<string> states, long? teamId, int seed, long organiserId,
        CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var reviewers = (await c.QueryAsync<long>("""
                SELECT DISTINCT r.user_id FROM event_roles r WHERE r.event_id = @eventId AND r.role = 'reviewer'
                AND (@teamId IS NULL OR EXISTS (SELECT 1 FROM review_team_members m JOIN review_teams t ON t.id = m.team_id
                                                WHERE m.user_id = r.user_id AND t.id = @teamId AND t.event_id = @eventId))
                ORDER BY r.user_id
                """, new { eventId, teamId }, tx)).AsList();
            var args = new { eventId, states, reviewers };
            var d = SqlDialect.Of(c);
            var proposals = (await c.QueryAsync<long>($"SELECT id FROM proposals WHERE event_id = @eventId AND {d.InList("state", "@states")} ORDER BY id", args, tx)).AsList();
            var eligible = (await c.QueryAsync<(long ProposalId, long UserId)>($"""
                SELECT p.id, rv.user_id FROM proposals p CROSS JOIN (SELECT id AS user_id FROM users WHERE {d.InList("id", "@reviewers")}) rv
                WHERE p.event_id = @eventId AND {d.InList("p.state", "@states")} AND {Eligible}
                """, args, tx)).ToLookup(x => x.ProposalId, x => x.UserId);
            var assigned = (await c.QueryAsync<(long ProposalId, long UserId)>($"""
                SELECT a.proposal_id, a.user_id FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id
                WHERE p.event_id = @eventId AND {d.InList("p.state", "@states")}
                """, args, tx)).ToLookup(x => x.ProposalId, x => x.UserId);

            var needs = proposals.Select(id => new AssignmentNeed(id, eligible[id].ToList(), assigned[id].ToList())).ToList();
            var plan = AssignmentRules.Plan(needs, reviewers, perProposal, seed);
            var now = clock.GetUtcNow();
            await c.ExecuteAsync("""
                INSERT INTO review_assignments (proposal_id, user_id, is_automatic, assigned_by, assigned_at) VALUES (@ProposalId, @UserId, TRUE, @organiserId, @now)
                ON CONFLICT DO NOTHING
                """, plan.Added.Select(a => new { a.ProposalId, a.UserId, organiserId, now }), tx);
            var loads = plan.Loads.Values.DefaultIfEmpty(0).ToList();
            return new AutoAssignResult(plan.Added.Count, proposals.Count, plan.Short, loads.Min(), loads.Max());
        }, ct);
}
