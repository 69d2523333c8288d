using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Events;

/// <summary>Events themselves (their days follow their dates); the venue is <see cref="VenueStore"/>, the team <see cref="TeamStore"/>.</summary>
public sealed class EventStore(Db db, TimeProvider clock)
{
    private const string EventColumns = """
        e.id, e.slug, e.name, e.description, e.venue, e.time_zone, e.starts_on, e.ends_on, e.is_public,
        e.parent_event_id, p.slug AS parent_slug, p.name AS parent_name, e.created_at, e.updated_at
        """;

    public static readonly TimeOnly DefaultOpens = new(9, 0);
    public static readonly TimeOnly DefaultCloses = new(18, 0);

    public async Task<IReadOnlyList<EventRow>> ListPublicAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<EventRow>($"""
            SELECT {EventColumns} FROM events e LEFT JOIN events p ON p.id = e.parent_event_id
            WHERE e.is_public = TRUE ORDER BY e.starts_on, e.name
            """)).AsList();
    }

    public async Task<IReadOnlyList<(EventRow Event, string Role)>> ListForUserAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<EventRow, string, (EventRow, string)>($"""
            SELECT {EventColumns}, r.role FROM event_roles r
            JOIN events e ON e.id = r.event_id LEFT JOIN events p ON p.id = e.parent_event_id
            WHERE r.user_id = @userId ORDER BY e.starts_on, e.name, r.role
            """, (e, role) => (e, role), new { userId }, splitOn: "role");
        return rows.AsList();
    }

    public async Task<EventRow?> FindAsync(string slug, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, slug);
    }

    private static Task<EventRow?> FindAsync(IDbConnection c, string slug, IDbTransaction? tx = null) =>
        c.QuerySingleOrDefaultAsync<EventRow>($"""
            SELECT {EventColumns} FROM events e LEFT JOIN events p ON p.id = e.parent_event_id WHERE e.slug = @slug
            """, new { slug }, tx);

    public async Task<IReadOnlyList<EventRow>> ListChildrenAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<EventRow>($"""
            SELECT {EventColumns} FROM events e LEFT JOIN events p ON p.id = e.parent_event_id
            WHERE e.parent_event_id = @eventId AND e.is_public = TRUE ORDER BY e.starts_on, e.name
            """, new { eventId })).AsList();
    }

    public Task<EventRow?> CreateAsync(EventValues values, long creatorId, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var parentId = await ParentIdAsync(c, tx, values.ParentSlug, creatorId, v);
            if (v.HasErrors) return null;
            var now = clock.GetUtcNow();
            long id;
            try
            {
                id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO events (slug, name, description, venue, time_zone, starts_on, ends_on, is_public, parent_event_id, created_by, created_at, updated_at)
                    VALUES (@Slug, @Name, @Description, @Venue, @TimeZone, @StartsOn, @EndsOn, @IsPublic, @parentId, @creatorId, @now, @now)
                    RETURNING id
                    """, new { values.Slug, values.Name, values.Description, values.Venue, values.TimeZone, values.StartsOn, values.EndsOn, values.IsPublic, parentId, creatorId, now }, tx);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                v.Add("slug", $"The slug '{values.Slug}' is taken; choose another.");
                return null;
            }
            await c.ExecuteAsync("INSERT INTO event_roles (event_id, user_id, role, granted_by, granted_at) VALUES (@id, @creatorId, 'organiser', @creatorId, @now)",
                new { id, creatorId, now }, tx);
            await SyncDaysAsync(c, tx, id, values.StartsOn, values.EndsOn);
            return await FindAsync(c, values.Slug, tx);
        }, ct);

    /// <summary>Updates an event's details; the slug is its permanent address and does not change.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount of the days a date change removes, run first inside the transaction; false saves nothing.</summary>
    public Task<EventRow?> UpdateAsync(string slug, EventValues values, long editorId, Validator v, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
        {
            var current = await FindAsync(c, slug, tx);
            if (current is null) return null;
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return null;
            if (values.Slug != slug) v.Add("slug", "The slug is the event's permanent address and cannot be changed.");
            var parentId = values.ParentSlug == current.ParentSlug
                ? current.ParentEventId
                : await ParentIdAsync(c, tx, values.ParentSlug, editorId, v);
            if (parentId is { } p && await CreatesCycleAsync(c, tx, current.Id, p)) v.Add("parentSlug", "That would make the events each other's parent.");
            if (v.HasErrors) return null;
            await c.ExecuteAsync("""
                UPDATE events SET name = @Name, description = @Description, venue = @Venue, time_zone = @TimeZone,
                       starts_on = @StartsOn, ends_on = @EndsOn, is_public = @IsPublic, parent_event_id = @parentId, updated_at = @now
                WHERE id = @id
                """, new { values.Name, values.Description, values.Venue, values.TimeZone, values.StartsOn, values.EndsOn, values.IsPublic, parentId, now = clock.GetUtcNow(), id = current.Id }, tx);
            await SyncDaysAsync(c, tx, current.Id, values.StartsOn, values.EndsOn);
            return await FindAsync(c, slug, tx);
        }, ct);

    // A parent must exist and the editor must organise it: nobody attaches events under someone else's.
    private static async Task<long?> ParentIdAsync(IDbConnection c, IDbTransaction tx, string? parentSlug, long userId, Validator v)
    {
        if (parentSlug is null) return null;
        var parent = await c.QuerySingleOrDefaultAsync<(long Id, int IsOrganiser)?>("""
            SELECT e.id, EXISTS (SELECT 1 FROM event_roles r WHERE r.event_id = e.id AND r.user_id = @userId AND r.role = 'organiser')
            FROM events e WHERE e.slug = @parentSlug
            """, new { parentSlug, userId }, tx);
        if (parent is null) v.Add("parentSlug", $"There is no event '{parentSlug}'.");
        else if (parent.Value.IsOrganiser == 0) v.Add("parentSlug", "You can only place an event under one you organise.");
        return parent?.Id;
    }

    private static async Task<bool> CreatesCycleAsync(IDbConnection c, IDbTransaction tx, long eventId, long parentId) =>
        await c.ExecuteScalarAsync<bool>("""
            WITH RECURSIVE up(id) AS (SELECT @parentId UNION SELECT e.parent_event_id FROM events e JOIN up ON e.id = up.id WHERE e.parent_event_id IS NOT NULL)
            SELECT EXISTS (SELECT 1 FROM up WHERE id = @eventId)
            """, new { eventId, parentId }, tx);

    // Keeps one row per date of the event: new dates get default hours, dates outside the range go.
    private static async Task SyncDaysAsync(IDbConnection c, IDbTransaction tx, long eventId, DateOnly starts, DateOnly ends)
    {
        await c.ExecuteAsync("DELETE FROM event_days WHERE event_id = @eventId AND (date < @starts OR date > @ends)", new { eventId, starts, ends }, tx);
        foreach (var date in EventRules.Dates(starts, ends))
        {
            await c.ExecuteAsync("""
                INSERT INTO event_days (event_id, date, opens_at, closes_at) VALUES (@eventId, @date, @opens, @closes)
                ON CONFLICT (event_id, date) DO NOTHING
                """, new { eventId, date, opens = DefaultOpens, closes = DefaultCloses }, tx);
        }
    }
}
