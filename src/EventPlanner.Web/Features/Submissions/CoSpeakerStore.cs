using System.Security.Cryptography;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>What an invitation link shows before it is answered.</summary>
public sealed record InvitationView
{
    public long Id { get; init; }
    public long ProposalId { get; init; }
    public string Email { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; }
    public string? Response { get; init; }
    public string ProposalTitle { get; init; } = "";
    public string ProposalState { get; init; } = "";
    public string EventSlug { get; init; } = "";
    public string EventName { get; init; } = "";
    public string? InviterName { get; init; }
}

/// <summary>
/// Co-speaker invitations. The link carries 256 random bits; only their SHA-256 is stored. A link
/// works once, only for the invited address, until it expires, and never beyond the type's speaker cap.
/// The invitation mail is written to the outbox with the invitation, in its transaction.
/// </summary>
public sealed class CoSpeakerStore(Db db, TimeProvider clock, SubmissionNotices notices, Outbox outbox)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public async Task<(InvitationRow Invitation, string Token)?> InviteAsync(EventRow e, long proposalId, long inviterId, string inviterName, string email, Validator v,
        CancellationToken ct = default)
    {
        var eventId = e.Id;
        var result = await outbox.WriteWithNoticesAsync<(InvitationRow, string)?>(async (c, tx, told) =>
        {
            var now = clock.GetUtcNow();
            var normalized = email.Trim().ToUpperInvariant();
            var p = await c.QuerySingleOrDefaultAsync<(string State, int MaxSpeakers, string TypeName)>("""
                SELECT p.state, t.max_speakers, t.name FROM proposals p JOIN session_types t ON t.id = p.session_type_id
                WHERE p.id = @proposalId AND p.event_id = @eventId
                """, new { proposalId, eventId }, tx);
            if (p.TypeName is null) { v.Add("email", "There is no such proposal."); return null; }
            if (p.State == ProposalStates.Withdrawn) { v.Add("email", "This proposal was withdrawn."); return null; }
            if (await c.ExecuteScalarAsync<bool>("""
                    SELECT EXISTS (SELECT 1 FROM proposal_speakers s JOIN users u ON u.id = s.user_id WHERE s.proposal_id = @proposalId AND u.normalized_email = @normalized)
                    """, new { proposalId, normalized }, tx))
            {
                v.Add("email", $"{email} is already a speaker of this proposal.");
                return null;
            }
            // A new invitation to the same address replaces the pending one.
            await c.ExecuteAsync("""
                UPDATE cospeaker_invitations SET response = 'cancelled', responded_at = @now
                WHERE proposal_id = @proposalId AND normalized_email = @normalized AND response IS NULL
                """, new { proposalId, normalized, now }, tx);
            var taken = await c.ExecuteScalarAsync<int>("""
                SELECT (SELECT COUNT(*) FROM proposal_speakers WHERE proposal_id = @proposalId)
                     + (SELECT COUNT(*) FROM cospeaker_invitations WHERE proposal_id = @proposalId AND response IS NULL AND expires_at > @now)
                """, new { proposalId, now }, tx);
            if (taken >= p.MaxSpeakers)
            {
                v.Add("email", $"A {p.TypeName} has at most {p.MaxSpeakers} speaker{(p.MaxSpeakers == 1 ? "" : "s")}, counting pending invitations.");
                return null;
            }
            var token = ApiTokenSecret();
            var row = await c.QuerySingleAsync<InvitationRow>("""
                INSERT INTO cospeaker_invitations (proposal_id, email, normalized_email, token_hash, invited_by, created_at, expires_at)
                VALUES (@proposalId, @email, @normalized, @hash, @inviterId, @now, @expires)
                RETURNING id, proposal_id, email, invited_by, created_at, expires_at, response, responded_at
                """, new { proposalId, email = email.Trim(), normalized, hash = Hash(token), inviterId, now, expires = now + Lifetime }, tx);
            await notices.CoSpeakerInvitedAsync(c, tx, told, e, proposalId, inviterName, row, token);
            return (row, token);
        }, ct);
        return result;
    }

    public async Task<InvitationView?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<InvitationView>("""
            SELECT i.id, i.proposal_id, i.email, i.expires_at, i.response, p.title AS proposal_title, p.state AS proposal_state,
                   e.slug AS event_slug, e.name AS event_name, u.display_name AS inviter_name
            FROM cospeaker_invitations i JOIN proposals p ON p.id = i.proposal_id JOIN events e ON e.id = p.event_id
            LEFT JOIN users u ON u.id = i.invited_by
            WHERE i.token_hash = @hash
            """, new { hash = Hash(token) });
    }

    /// <summary>Accepts or declines. Null with a message when the link is unknown, used, expired or for someone else.</summary>
    public Task<InvitationView?> AnswerAsync(string? token, long userId, bool accept, Validator v, CancellationToken ct = default) =>
        db.WriteAsync<InvitationView?>(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (string.IsNullOrEmpty(token) || token.Length > 100) { v.Add("token", "This invitation link is not valid."); return null; }
            var inv = await c.QuerySingleOrDefaultAsync<(long Id, long ProposalId, string Email, string NormalizedEmail, DateTimeOffset ExpiresAt, string? Response)>("""
                SELECT id, proposal_id, email, normalized_email, expires_at, response FROM cospeaker_invitations WHERE token_hash = @hash
                """, new { hash = Hash(token) }, tx);
            if (inv.Id == 0) { v.Add("token", "This invitation link is not valid."); return null; }
            if (inv.Response is not null) { v.Add("token", "This invitation link has already been used."); return null; }
            if (now >= inv.ExpiresAt) { v.Add("token", "This invitation has expired. Ask the speaker to invite you again."); return null; }
            var me = await c.QuerySingleAsync<string>("SELECT normalized_email FROM users WHERE id = @userId", new { userId }, tx);
            if (me != inv.NormalizedEmail)
            {
                v.Add("token", $"This invitation is for {inv.Email}. Log in with that address to answer it.");
                return null;
            }
            if (accept)
            {
                var cap = await c.QuerySingleAsync<(string State, int MaxSpeakers, int Speakers)>("""
                    SELECT p.state, t.max_speakers, (SELECT COUNT(*) FROM proposal_speakers WHERE proposal_id = p.id) AS speakers
                    FROM proposals p JOIN session_types t ON t.id = p.session_type_id WHERE p.id = @ProposalId
                    """, new { inv.ProposalId }, tx);
                if (cap.State == ProposalStates.Withdrawn) { v.Add("token", "This proposal was withdrawn."); return null; }
                if (cap.Speakers >= cap.MaxSpeakers) { v.Add("token", "This proposal already has as many speakers as its session type allows."); return null; }
                await c.ExecuteAsync("""
                    INSERT INTO proposal_speakers (proposal_id, user_id, is_owner, joined_at) VALUES (@ProposalId, @userId, FALSE, @now) ON CONFLICT DO NOTHING
                    """, new { inv.ProposalId, userId, now }, tx);
            }
            await c.ExecuteAsync("""
                UPDATE cospeaker_invitations SET response = @response, responded_at = @now, responded_by = @userId WHERE id = @Id AND response IS NULL
                """, new { inv.Id, response = accept ? "accepted" : "declined", now, userId }, tx);
            return new InvitationView { Id = inv.Id, ProposalId = inv.ProposalId, Email = inv.Email, ExpiresAt = inv.ExpiresAt, Response = accept ? "accepted" : "declined" };
        }, ct);

    private static string ApiTokenSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
