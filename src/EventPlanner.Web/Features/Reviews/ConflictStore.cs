using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// Conflicts of interest, declared by a reviewer (or by an organiser for them) on one proposal or with a speaker.
/// Declaring one also drops the reviewer's assignments that it now covers, so the organisers see those proposals
/// short of a reviewer. Suggestions (a co-speaker elsewhere, the same affiliation) are only suggestions.
/// </summary>
public sealed class ConflictStore(Db db, TimeProvider clock)
{
    public const string ProposalScope = "proposal";
    public const string SpeakersScope = "speakers";

    private const string DropCoveredAssignments = """
        DELETE FROM review_assignments WHERE user_id = @userId AND proposal_id IN (
            SELECT p.id FROM proposals p WHERE p.event_id = @eventId AND EXISTS (SELECT 1 FROM review_conflicts k WHERE k.event_id = @eventId AND k.user_id = @userId
                AND (k.proposal_id = p.id OR k.speaker_id IN (SELECT s.user_id FROM proposal_speakers s WHERE s.proposal_id = p.id))));
        """;

    /// <summary>
    /// A reviewer's declaration from a proposal they can see; false when they cannot (already conflicted, their own,
    /// another track): the caller answers 404 as for any other request about it.
    /// </summary>
    public Task<bool> DeclareOnProposalAsync(long eventId, Reviewer reviewer, EffectivePhase phase, long proposalId, string? scope, string? reason,
        Validator v, CancellationToken ct = default)
    {
        var kind = string.IsNullOrWhiteSpace(scope) ? ProposalScope : scope.Trim().ToLowerInvariant();
        if (kind is not (ProposalScope or SpeakersScope)) v.Add("scope", "A conflict is with this 'proposal' or with its 'speakers' (all of their proposals).");
        var why = v.Optional("reason", reason, SetupRules.MaxReason, "Reason");
        if (v.HasErrors) return Task.FromResult(true);
        return db.WriteAsync(async (c, tx) =>
        {
            var visible = await c.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM proposals p WHERE p.id = @proposalId AND {ReviewerScope.Visible})",
                new { proposalId, eventId, userId = reviewer.UserId, assignedOnly = ReviewerScope.AssignedOnly(reviewer, phase) }, tx);
            if (!visible) return false;
            var now = clock.GetUtcNow();
            var args = new { eventId, userId = reviewer.UserId, proposalId, why, now };
            if (kind == ProposalScope)
            {
                await c.ExecuteAsync("""
                    INSERT INTO review_conflicts (event_id, user_id, proposal_id, reason, declared_by, declared_at)
                    VALUES (@eventId, @userId, @proposalId, @why, @userId, @now) ON CONFLICT DO NOTHING
                    """, args, tx);
            }
            else
            {
                await c.ExecuteAsync("""
                    INSERT INTO review_conflicts (event_id, user_id, speaker_id, reason, declared_by, declared_at)
                    SELECT @eventId, @userId, s.user_id, @why, @userId, @now FROM proposal_speakers s WHERE s.proposal_id = @proposalId
                    ON CONFLICT DO NOTHING
                    """, args, tx);
            }
            await c.ExecuteAsync(DropCoveredAssignments, args, tx);
            return true;
        }, ct);
    }

    /// <summary>A conflict with a person, by their address (a reviewer knows their colleagues; it says nothing about proposals).</summary>
    public Task<bool> DeclareWithSpeakerAsync(long eventId, long userId, long declaredBy, string? email, string? reason, Validator v, CancellationToken ct = default)
    {
        var address = v.Required("email", email, 320, "Email");
        var why = v.Optional("reason", reason, SetupRules.MaxReason, "Reason");
        if (v.HasErrors) return Task.FromResult(false);
        return db.WriteAsync(async (c, tx) =>
        {
            var speakerId = await c.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE normalized_email = @n", new { n = address!.ToUpperInvariant() }, tx);
            if (speakerId is null) v.Add("email", $"No account uses {address}.");
            else if (speakerId == userId) v.Add("email", "That is your own address: your own proposals are never yours to review anyway.");
            if (v.HasErrors) return false;
            var now = clock.GetUtcNow();
            await c.ExecuteAsync("""
                INSERT INTO review_conflicts (event_id, user_id, speaker_id, reason, declared_by, declared_at)
                VALUES (@eventId, @userId, @speakerId, @why, @declaredBy, @now) ON CONFLICT DO NOTHING
                """, new { eventId, userId, speakerId, why, declaredBy, now }, tx);
            await c.ExecuteAsync(DropCoveredAssignments, new { eventId, userId }, tx);
            return true;
        }, ct);
    }

    /// <summary>An organiser records a conflict for a reviewer on a proposal (from a suggestion, or what they know).</summary>
    /// <remarks>False with a message in <paramref name="v"/> when the reason is refused; false without one when either is not in the event.</remarks>
    public Task<bool> RecordForReviewerAsync(long eventId, long reviewerId, long proposalId, long organiserId, string? reason, Validator v, CancellationToken ct = default)
    {
        var why = v.Optional("reason", reason, SetupRules.MaxReason, "Reason");
        if (v.HasErrors) return Task.FromResult(false);
        return db.WriteAsync(async (c, tx) =>
        {
            var exists = await c.ExecuteScalarAsync<bool>("""
                SELECT EXISTS (SELECT 1 FROM proposals WHERE id = @proposalId AND event_id = @eventId)
                   AND EXISTS (SELECT 1 FROM event_roles WHERE event_id = @eventId AND user_id = @reviewerId)
                """, new { eventId, proposalId, reviewerId }, tx);
            if (!exists) return false;
            await c.ExecuteAsync("""
                INSERT INTO review_conflicts (event_id, user_id, proposal_id, reason, declared_by, declared_at)
                VALUES (@eventId, @reviewerId, @proposalId, @reason, @organiserId, @now) ON CONFLICT DO NOTHING
                """, new { eventId, reviewerId, proposalId, reason = why, organiserId, now = clock.GetUtcNow() }, tx);
            await c.ExecuteAsync(DropCoveredAssignments, new { eventId, userId = reviewerId }, tx);
            return true;
        }, ct);
    }

    /// <summary>Organisers may lift a conflict (declared by mistake); a reviewer cannot lift their own.</summary>
    public Task<bool> RemoveAsync(long eventId, long id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("DELETE FROM review_conflicts WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx) == 1, ct);

    /// <summary>The event's conflicts (or one reviewer's), with names for the organisers' page.</summary>
    public async Task<IReadOnlyList<ConflictRow>> ListAsync(long eventId, long? userId = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ConflictRow>("""
            SELECT k.id, k.event_id, k.user_id, u.display_name AS reviewer_name, k.proposal_id, p.title AS proposal_title,
                   k.speaker_id, COALESCE(NULLIF(sp.full_name, ''), su.display_name) AS speaker_name, k.reason, k.declared_by, k.declared_at
            FROM review_conflicts k JOIN users u ON u.id = k.user_id
            LEFT JOIN proposals p ON p.id = k.proposal_id
            LEFT JOIN users su ON su.id = k.speaker_id LEFT JOIN speaker_profiles sp ON sp.user_id = k.speaker_id
            WHERE k.event_id = @eventId AND (@userId IS NULL OR k.user_id = @userId)
            ORDER BY u.display_name, k.id
            """, new { eventId, userId })).AsList();
    }

    /// <summary>
    /// Possible conflicts not declared yet: a speaker of the proposal co-presented with the reviewer on some proposal,
    /// or shares the reviewer's affiliation (from their speaker profile). For one reviewer, or every member of the team.
    /// </summary>
    public async Task<IReadOnlyList<ConflictSuggestionRow>> SuggestionsAsync(long eventId, long? userId = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var conflicted = ReviewerScope.Conflicted.Replace("@userId", "rv.user_id");
        return (await c.QueryAsync<ConflictSuggestionRow>($"""
            WITH staff AS (
                SELECT DISTINCT r.user_id, lower(trim(COALESCE(sp.affiliation, ''))) AS affiliation
                FROM event_roles r LEFT JOIN speaker_profiles sp ON sp.user_id = r.user_id
                WHERE r.event_id = @eventId AND (@userId IS NULL OR r.user_id = @userId))
            SELECT rv.user_id, u.display_name AS reviewer_name, p.id AS proposal_id, p.title,
                   CASE WHEN EXISTS (SELECT 1 FROM proposal_speakers s JOIN proposal_speakers a ON a.user_id = s.user_id
                                     JOIN proposal_speakers b ON b.proposal_id = a.proposal_id AND b.user_id = rv.user_id
                                     WHERE s.proposal_id = p.id AND s.user_id <> rv.user_id)
                        THEN 'A speaker has co-presented with this reviewer.'
                        ELSE 'A speaker shares this reviewer''s affiliation.' END AS reason,
                   {ReviewStore.Identities(db.Dialect)} AS speakers
            FROM staff rv JOIN users u ON u.id = rv.user_id
            JOIN proposals p ON p.event_id = @eventId AND p.state NOT IN ('draft', 'withdrawn')
            WHERE NOT {conflicted}
              AND (EXISTS (SELECT 1 FROM proposal_speakers s JOIN proposal_speakers a ON a.user_id = s.user_id
                           JOIN proposal_speakers b ON b.proposal_id = a.proposal_id AND b.user_id = rv.user_id
                           WHERE s.proposal_id = p.id AND s.user_id <> rv.user_id)
                   OR (rv.affiliation <> '' AND EXISTS (SELECT 1 FROM proposal_speakers s JOIN speaker_profiles sp ON sp.user_id = s.user_id
                           WHERE s.proposal_id = p.id AND s.user_id <> rv.user_id AND lower(trim(sp.affiliation)) = rv.affiliation)))
            ORDER BY u.display_name, p.id
            """, new { eventId, userId })).AsList();
    }
}
