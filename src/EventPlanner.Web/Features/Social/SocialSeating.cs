using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// Seats at a social event. A reply takes seats only through <see cref="TrySeatInAsync"/>, a guarded UPDATE whose WHERE
/// counts the people already coming in the same statement, inside the caller's write transaction: however many replies
/// race, the seated never exceed the capacity (on SQLite the write lock serialises them; on PostgreSQL the same
/// statement needs the event's advisory lock). The waiting list is kept in arrival order by <c>wait_seq</c>.
/// </summary>
internal static class SocialSeating
{
    internal const string InvitationSelect = """
        SELECT id, social_event_id, event_id, token, email, name, user_id, state, guests, dietary, accessibility, wait_seq, responded_at, version, created_at
        FROM social_invitations
        """;

    /// <summary>Seats the invitation with <paramref name="guests"/> if that many people still fit; false (nothing written) when not.</summary>
    public static async Task<bool> TrySeatInAsync(IDbConnection c, IDbTransaction tx, long socialEventId, long invitationId, int guests) =>
        await c.ExecuteAsync("""
            UPDATE social_invitations SET state = 'attending', guests = @guests, wait_seq = NULL, version = version + 1
            WHERE id = @invitationId
              AND 1 + @guests + (SELECT COALESCE(SUM(1 + o.guests), 0) FROM social_invitations o
                                 WHERE o.social_event_id = @socialEventId AND o.state = 'attending' AND o.id <> @invitationId)
                  <= (SELECT capacity FROM social_events WHERE id = @socialEventId)
            """, new { socialEventId, invitationId, guests }, tx) == 1;

    /// <summary>Puts the invitation at the end of the waiting list (keeping its place if it is on it already).</summary>
    public static Task WaitInAsync(IDbConnection c, IDbTransaction tx, long socialEventId, long invitationId, int guests) =>
        c.ExecuteAsync("""
            UPDATE social_invitations SET state = 'waiting', guests = @guests, version = version + 1,
                wait_seq = COALESCE(wait_seq, (SELECT COALESCE(MAX(w.wait_seq), 0) + 1 FROM social_invitations w WHERE w.social_event_id = @socialEventId))
            WHERE id = @invitationId
            """, new { socialEventId, invitationId, guests }, tx);

    public static async Task<bool> AnyoneWaitingInAsync(IDbConnection c, IDbTransaction tx, long socialEventId) =>
        await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM social_invitations WHERE social_event_id = @socialEventId AND state = 'waiting')",
            new { socialEventId }, tx);

    /// <summary>
    /// Seats whoever waits, in arrival order, each one that fits in what is free (someone bringing guests who do not fit
    /// keeps their place while a smaller party behind them is seated). Returns the rows seated, as they now are.
    /// Nobody is seated once the social event has started.
    /// </summary>
    public static async Task<IReadOnlyList<SocialInvitationRow>> PromoteAsync(IDbConnection c, IDbTransaction tx, SocialEventRow s, long? exceptId,
        DateTimeOffset now)
    {
        if (s.StartsAt <= now) return [];
        var waiting = (await c.QueryAsync<SocialInvitationRow>($"{InvitationSelect} WHERE social_event_id = @Id AND state = 'waiting' ORDER BY wait_seq",
            new { s.Id }, tx)).AsList();
        var promoted = new List<SocialInvitationRow>();
        foreach (var w in waiting)
        {
            if (!await TrySeatInAsync(c, tx, s.Id, w.Id, w.Guests)) continue;
            if (w.Id != exceptId) promoted.Add(w with { State = SocialStates.Attending, WaitSeq = null, Version = w.Version + 1 });
        }
        return promoted;
    }

    /// <summary>1 for the first in line; null when not waiting.</summary>
    public static async Task<int?> PositionAsync(IDbConnection c, IDbTransaction? tx, SocialInvitationRow i) =>
        i.State != SocialStates.Waiting ? null : await c.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM social_invitations WHERE social_event_id = @SocialEventId AND state = 'waiting' AND wait_seq <= @WaitSeq
            """, new { i.SocialEventId, i.WaitSeq }, tx);
}
