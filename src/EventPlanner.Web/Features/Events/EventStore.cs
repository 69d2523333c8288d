using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Events;

/// <summary>Events with their days, rooms and tracks. Conflicts come back as field messages in the validator.</summary>
public sealed class EventStore(Db db, TimeProvider clock, Outbox outbox)
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

    /// <summary>Days, rooms and tracks of one event in a single round trip.</summary>
    public async Task<(IReadOnlyList<EventDayRow> Days, IReadOnlyList<RoomRow> Rooms, IReadOnlyList<TrackRow> Tracks)> ListPartsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync("""
            SELECT id, event_id, date, opens_at, closes_at FROM event_days WHERE event_id = @eventId ORDER BY date;
            SELECT id, event_id, name, capacity, accessibility_notes, sort_order FROM rooms WHERE event_id = @eventId ORDER BY sort_order, name;
            SELECT id, event_id, name, colour FROM tracks WHERE event_id = @eventId ORDER BY name;
            """, new { eventId });
        return ((await grid.ReadAsync<EventDayRow>()).AsList(), (await grid.ReadAsync<RoomRow>()).AsList(), (await grid.ReadAsync<TrackRow>()).AsList());
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

    public Task<EventDayRow?> SetDayHoursAsync(long eventId, DateOnly date, TimeOnly opens, TimeOnly closes, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<EventDayRow?>("""
            UPDATE event_days SET opens_at = @opens, closes_at = @closes WHERE event_id = @eventId AND date = @date
            RETURNING id, event_id, date, opens_at, closes_at
            """, new { eventId, date, opens, closes }, tx), ct);

    public Task<RoomRow?> AddRoomAsync(long eventId, (string Name, int Capacity, string Notes, int SortOrder) room, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a room called '{room.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleAsync<RoomRow?>("""
            INSERT INTO rooms (event_id, name, capacity, accessibility_notes, sort_order) VALUES (@eventId, @Name, @Capacity, @Notes, @SortOrder)
            RETURNING id, event_id, name, capacity, accessibility_notes, sort_order
            """, new { eventId, room.Name, room.Capacity, room.Notes, room.SortOrder }, tx), ct));

    public Task<RoomRow?> UpdateRoomAsync(long eventId, long roomId, (string Name, int Capacity, string Notes, int SortOrder) room, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a room called '{room.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<RoomRow?>("""
            UPDATE rooms SET name = @Name, capacity = @Capacity, accessibility_notes = @Notes, sort_order = @SortOrder
            WHERE id = @roomId AND event_id = @eventId
            RETURNING id, event_id, name, capacity, accessibility_notes, sort_order
            """, new { eventId, roomId, room.Name, room.Capacity, room.Notes, room.SortOrder }, tx), ct));

    public Task<bool> RemoveRoomAsync(long eventId, long roomId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => RemoveRoomInAsync(c, tx, eventId, roomId), ct);

    public static Task<string?> RoomNameInAsync(IDbConnection c, IDbTransaction? tx, long eventId, long roomId) =>
        c.QuerySingleOrDefaultAsync<string?>("SELECT name FROM rooms WHERE id = @roomId AND event_id = @eventId", new { eventId, roomId }, tx);

    /// <summary>
    /// Removes a room inside the caller's transaction (the organisers' room removal first checks, in that transaction,
    /// what the room holds); false when it was already gone. Its sessions lose their room, its grid and BoF slots go.
    /// </summary>
    public static async Task<bool> RemoveRoomInAsync(IDbConnection c, IDbTransaction tx, long eventId, long roomId) =>
        await c.ExecuteAsync("DELETE FROM rooms WHERE id = @roomId AND event_id = @eventId", new { eventId, roomId }, tx) == 1;

    public Task<TrackRow?> AddTrackAsync(long eventId, (string Name, string Colour) track, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a track called '{track.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleAsync<TrackRow?>("""
            INSERT INTO tracks (event_id, name, colour) VALUES (@eventId, @Name, @Colour) RETURNING id, event_id, name, colour
            """, new { eventId, track.Name, track.Colour }, tx), ct));

    public Task<TrackRow?> UpdateTrackAsync(long eventId, long trackId, (string Name, string Colour) track, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a track called '{track.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<TrackRow?>("""
            UPDATE tracks SET name = @Name, colour = @Colour WHERE id = @trackId AND event_id = @eventId RETURNING id, event_id, name, colour
            """, new { eventId, trackId, track.Name, track.Colour }, tx), ct));

    /// <summary>
    /// Adds a track named <paramref name="name"/>, or, when the event has one of that name, the first free one of
    /// <paramref name="alternatives"/> (1, 2, ...), inside the caller's transaction (Community gives an approved group its track).
    /// </summary>
    public static async Task<long> CreateTrackInAsync(IDbConnection c, IDbTransaction tx, long eventId, string name, Func<int, string> alternatives, string colour)
    {
        for (var i = 1; await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM tracks WHERE event_id = @eventId AND name = @name)",
                 new { eventId, name }, tx); i++)
        {
            name = alternatives(i);
        }
        return await c.ExecuteScalarAsync<long>("INSERT INTO tracks (event_id, name, colour) VALUES (@eventId, @name, @colour) RETURNING id",
            new { eventId, name, colour }, tx);
    }

    /// <summary>Renames a track inside the caller's transaction, unless another track of the event has that name already.</summary>
    public static async Task<bool> RenameTrackInAsync(IDbConnection c, IDbTransaction tx, long eventId, long trackId, string name) =>
        await c.ExecuteAsync("""
            UPDATE tracks SET name = @name WHERE id = @trackId AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.event_id = @eventId AND t.name = @name)
            """, new { trackId, name, eventId }, tx) == 1;

    /// <summary>
    /// Removes a track; false when it was already gone. Refused (<paramref name="blocker"/> says why) while a review
    /// team is limited to this track alone: its limit rows would cascade away, and a team with no limit row may review
    /// every track, so removing a track would widen what those reviewers see.
    /// </summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false leaves everything as it is.</summary>
    public Task<bool> RemoveTrackAsync(long eventId, long trackId, Action<string> blocker, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return false;
            var teams = (await c.QueryAsync<string>("""
                SELECT t.name FROM review_teams t JOIN review_team_tracks rt ON rt.team_id = t.id
                WHERE rt.track_id = @trackId AND t.event_id = @eventId
                  AND (SELECT COUNT(*) FROM review_team_tracks x WHERE x.team_id = t.id) = 1
                ORDER BY t.name
                """, new { eventId, trackId }, tx)).AsList();
            if (teams.Count > 0)
            {
                blocker($"The review team{(teams.Count == 1 ? "" : "s")} {string.Join(", ", teams)} {(teams.Count == 1 ? "is" : "are")} limited to this track alone. " +
                        "Change or remove that limit on the review set-up page first.");
                return true;
            }
            return await c.ExecuteAsync("DELETE FROM tracks WHERE id = @trackId AND event_id = @eventId", new { eventId, trackId }, tx) == 1;
        }, ct);

    public async Task<IReadOnlyList<TeamMemberRow>> ListTeamAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TeamMemberRow>("""
            SELECT u.id AS user_id, u.email, u.display_name, r.role, r.granted_at
            FROM event_roles r JOIN users u ON u.id = r.user_id WHERE r.event_id = @eventId ORDER BY r.role, u.display_name
            """, new { eventId })).AsList();
    }

    public async Task<TeamMemberRow?> GrantAsync(long eventId, string email, string role, long grantedBy, Validator v, CancellationToken ct = default)
    {
        var member = await db.WriteAsync(async (c, tx) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<UserSummary>("SELECT id, email, display_name FROM users WHERE normalized_email = @n",
                new { n = email.Trim().ToUpperInvariant() }, tx);
            if (user is null)
            {
                v.Add("email", $"No account uses {email}. Ask them to register first, then add them.");
                return null;
            }
            // Anyone can register any address; only its confirmation shows the account belongs to the person the
            // organiser means, so an unconfirmed account gets no role (as with site administrators).
            if (!await c.ExecuteScalarAsync<bool>("SELECT email_confirmed FROM users WHERE id = @Id", new { user.Id }, tx))
            {
                v.Add("email", $"The account for {email} has not confirmed its address yet. Ask them to open the confirmation link, then add them.");
                return null;
            }
            var now = clock.GetUtcNow();
            var granted = await c.ExecuteAsync("""
                INSERT INTO event_roles (event_id, user_id, role, granted_by, granted_at) VALUES (@eventId, @Id, @role, @grantedBy, @now)
                ON CONFLICT DO NOTHING
                """, new { eventId, user.Id, role, grantedBy, now }, tx);
            // Notifications: tell the new team member, in this same transaction (outbox).
            if (granted == 1)
            {
                var grantor = await c.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE id = @grantedBy", new { grantedBy }, tx);
                await outbox.EnqueueAsync(c, tx, new NotificationRequest($"team-role-granted:{eventId}:{user.Id}:{role}",
                    EventNotificationKinds.TeamRoleGranted.Name, user.Id, eventId,
                    new Dictionary<string, string> { ["role"] = role, ["granted_by"] = grantor ?? "An organiser" }));
            }
            return new TeamMemberRow { UserId = user.Id, Email = user.Email, DisplayName = user.DisplayName, Role = role, GrantedAt = now };
        }, ct);
        if (member is not null) outbox.Kick(); // after the commit, so the delivery job sees the row
        return member;
    }

    /// <summary>Removes a role; an event always keeps at least one organiser.</summary>
    public Task<bool> RevokeAsync(long eventId, long userId, string role, Validator v, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return false;
            if (role == EventRoles.Organiser && await c.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM event_roles WHERE event_id = @eventId AND role = 'organiser' AND user_id <> @userId", new { eventId, userId }, tx) == 0)
            {
                v.Add("role", "An event needs at least one organiser; add another before removing this one.");
                return false;
            }
            return await c.ExecuteAsync("DELETE FROM event_roles WHERE event_id = @eventId AND user_id = @userId AND role = @role",
                new { eventId, userId, role }, tx) == 1;
        }, ct);

    private static async Task<T?> UniqueName<T>(Validator v, string field, string message, Task<T?> write) where T : class
    {
        try
        {
            return await write;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            v.Add(field, message);
            return null;
        }
    }
}
