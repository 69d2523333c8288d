using System.Data;
using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// Who is invited: groups resolved when the organiser sends (confirmed speakers, the event team) and hand-picked
/// addresses. Each invitee gets one row with a long random token and one invitation mail, written in the same
/// transaction; inviting someone again changes nothing and sends nothing.
/// </summary>
public sealed class SocialInvitations(Db db, TimeProvider clock, Outbox outbox)
{
    private sealed record Person
    {
        public long? UserId { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
    }

    /// <summary>Null when there is no such social event.</summary>
    public async Task<SocialInviteResponse?> InviteAsync(EventRow e, long socialEventId, SocialInviteValues values, CancellationToken ct = default)
    {
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, batch) =>
        {
            if (await SocialStore.FindAsync(c, tx, e.Id, socialEventId) is not { } s) return null;
            var people = new List<Person>();
            // Speakers who confirmed their talk (read from Submissions' tables, not written).
            if (values.Speakers) people.AddRange(await c.QueryAsync<Person>("""
                SELECT DISTINCT u.id AS user_id, u.email, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS name
                FROM proposal_speakers ps JOIN proposals p ON p.id = ps.proposal_id JOIN users u ON u.id = ps.user_id
                     LEFT JOIN speaker_profiles sp ON sp.user_id = u.id
                WHERE p.event_id = @eventId AND p.state = 'confirmed' ORDER BY u.id
                """, new { eventId = e.Id }, tx));
            if (values.Team) people.AddRange(await c.QueryAsync<Person>("""
                SELECT DISTINCT u.id AS user_id, u.email, u.display_name AS name FROM event_roles r JOIN users u ON u.id = r.user_id
                WHERE r.event_id = @eventId ORDER BY u.id
                """, new { eventId = e.Id }, tx));
            foreach (var email in values.Emails)
            {
                // Only a confirmed address is someone's account; otherwise the invitation goes to the address alone.
                people.Add(await c.QuerySingleOrDefaultAsync<Person>("""
                    SELECT id AS user_id, email, display_name AS name FROM users WHERE normalized_email = @n AND email_confirmed = TRUE
                    """, new { n = email.ToUpperInvariant() }, tx) ?? new Person { Email = email });
            }
            var now = clock.GetUtcNow();
            var added = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in people)
            {
                var normalized = p.Email.ToUpperInvariant();
                if (!seen.Add(normalized)) continue;
                var id = await c.ExecuteScalarAsync<long?>("""
                    INSERT INTO social_invitations (social_event_id, event_id, token, email, normalized_email, name, user_id, created_at)
                    VALUES (@sid, @eventId, @token, @Email, @normalized, @Name, @UserId, @now)
                    ON CONFLICT (social_event_id, normalized_email) DO NOTHING RETURNING id
                    """, new { sid = s.Id, eventId = e.Id, token = NewToken(), p.Email, normalized, p.Name, p.UserId, now }, tx);
                if (id is null) continue;
                added++;
                var row = await c.QuerySingleAsync<SocialInvitationRow>($"{SocialSeating.InvitationSelect} WHERE id = @id", new { id }, tx);
                await batch.AddAsync(c, tx, SocialNotices.Invitation(s, row, e.Zone));
            }
            var total = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM social_invitations WHERE social_event_id = @Id", new { s.Id }, tx);
            return new SocialInviteResponse(added, seen.Count - added, total);
        }, ct);
        return result;
    }

    /// <summary>
    /// A signed-in person's own invitation to an open social event (made now if they have none), so they answer through
    /// the same link and the same seating as everyone invited. Null when there is no such social event.
    /// </summary>
    public Task<string?> OwnTokenAsync(EventRow e, long socialEventId, long userId, CancellationToken ct = default) =>
        db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            if (await SocialStore.FindAsync(c, tx, e.Id, socialEventId) is not { } s) return null;
            var me = await c.QuerySingleAsync<Person>("SELECT id AS user_id, email, display_name AS name FROM users WHERE id = @userId", new { userId }, tx);
            var token = await c.ExecuteScalarAsync<string?>("""
                SELECT token FROM social_invitations WHERE social_event_id = @Id AND (user_id = @userId OR normalized_email = @n)
                """, new { s.Id, userId, n = me.Email.ToUpperInvariant() }, tx);
            if (token is not null || !s.IsOpen) return token;
            token = NewToken();
            await c.ExecuteAsync("""
                INSERT INTO social_invitations (social_event_id, event_id, token, email, normalized_email, name, user_id, created_at)
                VALUES (@sid, @eventId, @token, @Email, @n, @Name, @UserId, @now)
                """, new { sid = s.Id, eventId = e.Id, token, me.Email, n = me.Email.ToUpperInvariant(), me.Name, me.UserId, now = clock.GetUtcNow() }, tx);
            return token;
        }, ct);

    /// <summary>Everyone invited, in the organisers' order: coming, waiting (in line), no reply, not coming.</summary>
    public async Task<IReadOnlyList<(SocialInvitationRow Row, int? Position)>> ListAsync(long socialEventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<SocialInvitationRow>($"""
            {SocialSeating.InvitationSelect} WHERE social_event_id = @socialEventId
            ORDER BY CASE state WHEN 'attending' THEN 0 WHEN 'waiting' THEN 1 WHEN 'invited' THEN 2 ELSE 3 END, wait_seq, lower(name), email
            """, new { socialEventId })).AsList();
        var position = 0;
        return rows.Select(r => (r, r.State == SocialStates.Waiting ? ++position : (int?)null)).ToList();
    }

    // 32 random bytes, URL-safe: the link is the only key to the answer.
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
