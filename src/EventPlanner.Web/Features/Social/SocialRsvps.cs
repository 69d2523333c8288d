using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Social;

/// <summary>An invitation as its link shows it: the invitee's own answer, the social event and the event around it.</summary>
public sealed record SocialRsvpView(SocialInvitationRow Invitation, SocialEventRow Social, EventRow Event, int? WaitingPosition);

/// <summary>
/// Answers through a personal link (no login): yes with guests, no, and needs; changeable until the social event
/// starts. Everything happens in one write transaction: a yes takes seats through the guarded write (or joins the
/// waiting list when full, or when others already wait), and a no or fewer guests seats the first in line that fits,
/// who is told by mail through the outbox in that same transaction.
/// </summary>
public sealed class SocialRsvps(Db db, TimeProvider clock, Outbox outbox, EventStore events)
{
    private sealed record TokenRow(long EventId, string Slug);

    public async Task<SocialRsvpView?> FindAsync(string token, CancellationToken ct = default)
    {
        if (!LooksLikeToken(token)) return null;
        TokenRow? at;
        // One connection at a time: the event is read on a connection of its own, and a flow that holds one while it
        // waits for another can, in a rush, leave the pool with nothing but waiters (issue 19).
        await using (var first = await db.OpenAsync(ct))
        {
            at = await first.QuerySingleOrDefaultAsync<TokenRow>("""
                SELECT e.id AS event_id, e.slug FROM social_invitations i JOIN events e ON e.id = i.event_id WHERE i.token = @token
                """, new { token });
        }
        if (at is null) return null;
        if (await events.FindAsync(at.Slug, ct) is not { } e) return null;
        await using var c = await db.OpenAsync(ct);
        var invitation = await c.QuerySingleAsync<SocialInvitationRow>($"{SocialSeating.InvitationSelect} WHERE token = @token", new { token });
        var social = (await SocialStore.FindAsync(c, null, e.Id, invitation.SocialEventId))!;
        return new SocialRsvpView(invitation, social, e, await SocialSeating.PositionAsync(c, null, invitation));
    }

    /// <summary>Null when the link is unknown. Field messages in <paramref name="v"/> mean nothing was saved.</summary>
    public async Task<SocialRsvpView?> RespondAsync(string token, SocialRsvpInput input, Validator v, CancellationToken ct = default)
    {
        if (await FindAsync(token, ct) is not { } found) return null;
        var e = found.Event;
        var saved = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, batch) =>
        {
            var i = await c.QuerySingleAsync<SocialInvitationRow>($"{SocialSeating.InvitationSelect} WHERE token = @token", new { token }, tx);
            var s = (await SocialStore.FindAsync(c, tx, e.Id, i.SocialEventId))!;
            var now = clock.GetUtcNow();
            if (SocialRules.ValidateRsvp(input, s.MaxGuests, v) is not { } values) return false;
            if (s.StartsAt <= now) { v.Add("attending", $"\"{s.Title}\" has started: answers are closed."); return false; }

            var freesSeats = false;
            if (!values.Attending)
            {
                freesSeats = i.State == SocialStates.Attending;
                await c.ExecuteAsync("""
                    UPDATE social_invitations SET state = 'declined', guests = 0, wait_seq = NULL, version = version + 1 WHERE id = @Id
                    """, new { i.Id }, tx);
            }
            else if (i.State == SocialStates.Attending)
            {
                // Already seated: a change of guests must fit too, or the earlier answer stands.
                if (!await SocialSeating.TrySeatInAsync(c, tx, s.Id, i.Id, values.Guests))
                {
                    var free = s.Capacity - (s.Seated - i.People);
                    v.Add("guests", $"Only {free} place{(free == 1 ? "" : "s")} (you included) are free: you can bring at most {Math.Max(0, free - 1)} guest{(free == 2 ? "" : "s")}. Your earlier answer stands.");
                    return false;
                }
                freesSeats = values.Guests < i.Guests;
            }
            else if (i.State == SocialStates.Waiting || await SocialSeating.AnyoneWaitingInAsync(c, tx, s.Id)
                     || !await SocialSeating.TrySeatInAsync(c, tx, s.Id, i.Id, values.Guests))
            {
                // Others in line were first; fewer guests may let them (or this one) in now.
                await SocialSeating.WaitInAsync(c, tx, s.Id, i.Id, values.Guests);
                freesSeats = true;
            }
            await c.ExecuteAsync("""
                UPDATE social_invitations SET dietary = @Dietary, accessibility = @Accessibility, responded_at = @now WHERE id = @Id
                """, new { values.Dietary, values.Accessibility, now, i.Id }, tx);
            if (freesSeats)
            {
                var after = (await SocialStore.FindAsync(c, tx, e.Id, s.Id))!;
                foreach (var promoted in await SocialSeating.PromoteAsync(c, tx, after, i.Id, now))
                {
                    await batch.AddAsync(c, tx, SocialNotices.Promoted(after, promoted, e.Zone));
                }
            }
            return true;
        }, ct);
        if (!saved) return found;
        return await FindAsync(token, ct);
    }

    // Tokens are 43 URL-safe characters; anything else is not worth a query.
    private static bool LooksLikeToken(string? token) => token is { Length: >= 20 and <= 100 } && token.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');
}
