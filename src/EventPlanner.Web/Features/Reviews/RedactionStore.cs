using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The organisers' redacted copy of a proposal's words, which reviewers read instead of the original when the
/// phase hides names. It remembers the version it was made from, so the organisers see when the speaker has
/// since changed the proposal and the copy needs another look.
/// </summary>
public sealed class RedactionStore(Db db, TimeProvider clock)
{
    public async Task<RedactionRow?> FindAsync(long proposalId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<RedactionRow>(
            "SELECT proposal_id, title, abstract, description, proposal_version, redacted_at FROM review_redactions WHERE proposal_id = @proposalId",
            new { proposalId });
    }

    public Task<RedactionRow?> SaveAsync(long eventId, long proposalId, RedactionInput input, long organiserId, Validator v, CancellationToken ct = default)
    {
        var title = v.Required("title", input.Title, ProposalRules.MaxTitle, "Title");
        var @abstract = v.Optional("abstract", input.Abstract, ProposalRules.MaxAbstract, "Abstract");
        var description = v.Optional("description", input.Description, ProposalRules.MaxDescription, "Description");
        if (v.HasErrors) return Task.FromResult<RedactionRow?>(null);
        return db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<RedactionRow?>("""
            INSERT INTO review_redactions (proposal_id, title, abstract, description, proposal_version, redacted_by, redacted_at)
            SELECT p.id, @title, @abstract, @description, p.version, @organiserId, @now FROM proposals p WHERE p.id = @proposalId AND p.event_id = @eventId
            ON CONFLICT (proposal_id) DO UPDATE SET title = excluded.title, abstract = excluded.abstract, description = excluded.description,
                proposal_version = excluded.proposal_version, redacted_by = excluded.redacted_by, redacted_at = excluded.redacted_at
            RETURNING proposal_id, title, abstract, description, proposal_version, redacted_at
            """, new { eventId, proposalId, title, @abstract, description, organiserId, now = clock.GetUtcNow() }, tx), ct);
    }

    public Task<bool> RemoveAsync(long eventId, long proposalId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            DELETE FROM review_redactions WHERE proposal_id IN (SELECT id FROM proposals WHERE id = @proposalId AND event_id = @eventId)
            """, new { eventId, proposalId }, tx) == 1, ct);
}
