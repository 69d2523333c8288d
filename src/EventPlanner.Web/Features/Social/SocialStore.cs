using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// Social events themselves: organisers create, change and delete them. Raising the capacity seats the waiting list
/// in the same transaction (and tells those seated); it may not drop below the people already coming.
/// </summary>
public sealed class SocialStore(Db db, TimeProvider clock, Outbox outbox)
{
    internal const string Select = """
        SELECT s.id, s.event_id, s.title, s.description, s.place, s.starts_at, s.ends_at, s.capacity, s.max_guests, s.is_open, s.is_public,
               s.created_at, s.updated_at,
               (SELECT COALESCE(SUM(1 + i.guests), 0) FROM social_invitations i WHERE i.social_event_id = s.id AND i.state = 'attending') AS seated
        FROM social_events s
        """;

    internal static Task<SocialEventRow?> FindAsync(IDbConnection c, IDbTransaction? tx, long eventId, long id) =>
        c.QuerySingleOrDefaultAsync<SocialEventRow?>($"{Select} WHERE s.id = @id AND s.event_id = @eventId", new { id, eventId }, tx);

    public async Task<SocialEventRow?> FindAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, null, eventId, id);
    }

    /// <summary>The event's social events by start; <paramref name="publicOnly"/> for readers who are not organisers.</summary>
    public async Task<IReadOnlyList<SocialEventRow>> ListAsync(long eventId, bool publicOnly, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<SocialEventRow>($"{Select} WHERE s.event_id = @eventId AND (@publicOnly = FALSE OR s.is_public = TRUE) ORDER BY s.starts_at, s.id",
            new { eventId, publicOnly })).AsList();
    }

    /// <summary>Whether this user was invited (by account) to the social event: they may see it though it is not public.</summary>
    public async Task<bool> IsInvitedAsync(long socialEventId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM social_invitations WHERE social_event_id = @socialEventId AND user_id = @userId)",
            new { socialEventId, userId });
    }

    public Task<SocialEventRow> CreateAsync(EventRow e, SocialEventValues values, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO social_events (event_id, title, description, place, starts_at, ends_at, capacity, max_guests, is_open, is_public, created_at, updated_at)
                VALUES (@eventId, @Title, @Description, @Place, @StartsAt, @EndsAt, @Capacity, @MaxGuests, @IsOpen, @IsPublic, @now, @now) RETURNING id
                """, new { eventId = e.Id, values.Title, values.Description, values.Place, values.StartsAt, values.EndsAt, values.Capacity, values.MaxGuests,
                    values.IsOpen, values.IsPublic, now }, tx);
            return (await FindAsync(c, tx, e.Id, id))!;
        }, ct);

    /// <summary>Null when there is no such social event; the validator says why a change was refused (nothing saved then).</summary>
    public async Task<SocialEventRow?> UpdateAsync(EventRow e, long id, SocialEventValues values, Validator v, CancellationToken ct = default)
    {
        var row = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, batch) =>
        {
            if (await FindAsync(c, tx, e.Id, id) is not { } before) return null;
            if (values.Capacity < before.Seated)
            {
                v.Add("capacity", $"{before.Seated} people (guests included) are already coming: the capacity cannot be lower.");
                return before;
            }
            await c.ExecuteAsync("""
                UPDATE social_events SET title = @Title, description = @Description, place = @Place, starts_at = @StartsAt, ends_at = @EndsAt,
                    capacity = @Capacity, max_guests = @MaxGuests, is_open = @IsOpen, is_public = @IsPublic, updated_at = @now
                WHERE id = @id
                """, new { values.Title, values.Description, values.Place, values.StartsAt, values.EndsAt, values.Capacity, values.MaxGuests, values.IsOpen,
                    values.IsPublic, now = clock.GetUtcNow(), id }, tx);
            var after = (await FindAsync(c, tx, e.Id, id))!;
            var promotedIds = new HashSet<long>();
            foreach (var promoted in await SocialSeating.PromoteAsync(c, tx, after, null, clock.GetUtcNow()))
            {
                promotedIds.Add(promoted.Id);
                await batch.AddAsync(c, tx, SocialNotices.Promoted(after, promoted, e.Zone));
            }
            if (SocialRules.MovedFor(before, after))
            {
                // Those just seated already read the new place and time in their promotion mail: one mail each.
                foreach (var told in (await ComingOrWaitingAsync(c, tx, id)).Where(i => !promotedIds.Contains(i.Id)))
                    await batch.AddAsync(c, tx, SocialNotices.Changed(after, told, e.Zone));
            }
            return (await FindAsync(c, tx, e.Id, id))!;
        }, ct);
        return row;
    }

    /// <summary>Deletes the social event with its replies, telling those coming or waiting in the same transaction.</summary>
    public async Task<bool> DeleteAsync(EventRow e, long id, CancellationToken ct = default)
    {
        var deleted = await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            if (await FindAsync(c, tx, e.Id, id) is not { } s) return false;
            foreach (var told in await ComingOrWaitingAsync(c, tx, id)) await batch.AddAsync(c, tx, SocialNotices.Cancelled(s, told, e.Zone));
            return await c.ExecuteAsync("DELETE FROM social_events WHERE id = @id AND event_id = @eventId", new { id, eventId = e.Id }, tx) > 0;
        }, ct);
        return deleted;
    }

    /// <summary>What deleting a social event touches, for the pages' confirmation step; null when there is no such social event.</summary>
    public async Task<SocialCancellationCounts?> CancellationCountsAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SocialCancellationCounts?>("""
            SELECT s.title,
              (SELECT COUNT(*) FROM social_invitations i WHERE i.social_event_id = s.id AND i.state = 'attending') AS coming,
              (SELECT COUNT(*) FROM social_invitations i WHERE i.social_event_id = s.id AND i.state = 'waiting') AS waiting,
              (SELECT COUNT(*) FROM social_invitations i WHERE i.social_event_id = s.id AND i.state IN ('invited', 'declined')) AS others
            FROM social_events s WHERE s.id = @id AND s.event_id = @eventId
            """, new { id, eventId });
    }

    internal static async Task<IReadOnlyList<SocialInvitationRow>> ComingOrWaitingAsync(IDbConnection c, IDbTransaction tx, long socialEventId) =>
        (await c.QueryAsync<SocialInvitationRow>($"{SocialSeating.InvitationSelect} WHERE social_event_id = @socialEventId AND state IN ('attending', 'waiting') ORDER BY id",
            new { socialEventId }, tx)).AsList();

    /// <summary>The social events a user is invited to by account, with their answer, soonest first (for their agenda).</summary>
    public async Task<IReadOnlyList<SocialAgendaRow>> ForUserAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<SocialAgendaRow>("""
            SELECT s.id AS social_event_id, s.title, s.description, s.place, s.starts_at, s.ends_at, s.updated_at, e.slug, e.name AS event_name,
                   e.time_zone, e.is_public AS event_is_public, i.state, i.guests, i.token
            FROM social_invitations i JOIN social_events s ON s.id = i.social_event_id JOIN events e ON e.id = i.event_id
            WHERE i.user_id = @userId AND s.ends_at > @now
            ORDER BY s.starts_at, s.id
            """, new { userId, now = clock.GetUtcNow() })).AsList();
    }
}
