using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// Community groups and their hosts. A signed-in user creates a group and becomes its first host; hosts add co-hosts
/// and edit the group; an organiser of the event approves it (which makes the group's own track) or declines it.
/// </summary>
public sealed class GroupStore(Db db, TimeProvider clock, Outbox outbox)
{
    private const string TrackColour = "#7b3fa0";

    public async Task<WriteResult<GroupRow>> CreateAsync(EventRow e, long userId, GroupValues values, Validator v, CancellationToken ct = default)
    {
        return await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM community_groups WHERE event_id = @eventId AND name = @Name)",
                    new { eventId = e.Id, values.Name }, tx))
            {
                v.Add("name", $"A group called {values.Name} already exists at {e.Name}. Ask its hosts to add you as a co-host.");
                return WriteResult<GroupRow>.Invalid(v);
            }
            var now = clock.GetUtcNow();
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO community_groups (event_id, name, description, contacts, logo_url, created_by, created_at)
                VALUES (@eventId, @Name, @Description, @Contacts, @LogoUrl, @userId, @now) RETURNING id
                """, new { eventId = e.Id, values.Name, values.Description, values.Contacts, values.LogoUrl, userId, now }, tx);
            await c.ExecuteAsync("INSERT INTO community_hosts (group_id, user_id, added_by, added_at) VALUES (@id, @userId, @userId, @now)",
                new { id, userId, now }, tx);
            foreach (var organiser in await CommunityQueries.OrganisersAsync(c, tx, e.Id))
            {
                await notices.AddAsync(c, tx, new NotificationRequest($"community-group:{id}:submitted:{organiser}",
                    CommunityNotificationKinds.GroupSubmitted.Name, organiser, e.Id, new Dictionary<string, string>
                    {
                        ["group"] = values.Name,
                        ["description"] = values.Description.Length == 0 ? "(no description)" : values.Description,
                        ["manage_link"] = $"/events/{e.Slug}/community/manage",
                    }));
            }
            return WriteResult<GroupRow>.Ok((await CommunityQueries.GroupAsync(c, tx, e.Id, id))!);
        }, ct);
    }

    public Task<WriteResult<GroupRow>> UpdateAsync(EventRow e, long groupId, long userId, GroupValues values, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (await CommunityQueries.GroupAsync(c, tx, e.Id, groupId) is not { } g) return WriteResult<GroupRow>.NotFound;
            if (!g.IsHost(userId)) return CommunityWrites.Forbidden<GroupRow>("Only the group's hosts can edit it.");
            try
            {
                await c.ExecuteAsync("""
                    UPDATE community_groups SET name = @Name, description = @Description, contacts = @Contacts, logo_url = @LogoUrl WHERE id = @groupId
                    """, new { groupId, values.Name, values.Description, values.Contacts, values.LogoUrl }, tx);
            }
            catch (Exception ex) when (DbErrors.IsConstraintViolation(ex))
            {
                v.Add("name", $"Another group is already called {values.Name}.");
                return WriteResult<GroupRow>.Invalid(v);
            }
            if (g.TrackId is { } trackId && g.Name != values.Name)
            {
                // The group's track carries its name in the schedule; keep them together (unless a track of that name exists).
                await VenueStore.RenameTrackInAsync(c, tx, e.Id, trackId, values.Name);
            }
            return WriteResult<GroupRow>.Ok((await CommunityQueries.GroupAsync(c, tx, e.Id, groupId))!);
        }, ct);

    public Task<WriteResult<GroupRow>> AddHostAsync(EventRow e, long groupId, long userId, string? email, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (await CommunityQueries.GroupAsync(c, tx, e.Id, groupId) is not { } g) return WriteResult<GroupRow>.NotFound;
            if (!g.IsHost(userId)) return CommunityWrites.Forbidden<GroupRow>("Only the group's hosts can add co-hosts.");
            var address = v.Required("email", email, 254, "Email");
            if (address is null) return WriteResult<GroupRow>.Invalid(v);
            var other = await c.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE normalized_email = @n", new { n = address.ToUpperInvariant() }, tx);
            if (other is null)
            {
                v.Add("email", $"No account uses {address}. Ask them to register first.");
                return WriteResult<GroupRow>.Invalid(v);
            }
            await c.ExecuteAsync("""
                INSERT INTO community_hosts (group_id, user_id, added_by, added_at) VALUES (@groupId, @other, @userId, @now) ON CONFLICT DO NOTHING
                """, new { groupId, other, userId, now = clock.GetUtcNow() }, tx);
            return WriteResult<GroupRow>.Ok((await CommunityQueries.GroupAsync(c, tx, e.Id, groupId))!);
        }, ct);

    /// <summary>Approves a group and gives it its own track (named after it; suffixed when the programme already has a track of that name).</summary>
    public async Task<WriteResult<GroupRow>> ApproveAsync(EventRow e, long groupId, long organiserId, CancellationToken ct = default)
    {
        return await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            if (await CommunityQueries.GroupAsync(c, tx, e.Id, groupId) is not { } g) return WriteResult<GroupRow>.NotFound;
            var trackId = g.TrackId;
            if (trackId is null)
            {
                trackId = await VenueStore.CreateTrackInAsync(c, tx, e.Id, g.Name,
                    i => i == 1 ? $"{g.Name} (community)" : $"{g.Name} (community {i})", TrackColour);
            }
            await c.ExecuteAsync("""
                UPDATE community_groups SET status = 'approved', decline_reason = NULL, track_id = @trackId, decided_by = @organiserId, decided_at = @now
                WHERE id = @groupId
                """, new { groupId, trackId, organiserId, now = clock.GetUtcNow() }, tx);
            if (g.Status != GroupStatuses.Approved)
            {
                foreach (var host in await CommunityQueries.HostsAsync(c, tx, groupId))
                {
                    await notices.AddAsync(c, tx, new NotificationRequest($"community-group:{groupId}:approved:{host}",
                        CommunityNotificationKinds.GroupApproved.Name, host, e.Id, new Dictionary<string, string>
                        {
                            ["group"] = g.Name,
                            ["group_link"] = $"/events/{e.Slug}/community/groups/{groupId}",
                        }));
                }
            }
            return WriteResult<GroupRow>.Ok((await CommunityQueries.GroupAsync(c, tx, e.Id, groupId))!);
        }, ct);
    }

    /// <summary>Declines a group that is not approved yet (an approved group's blocks are declined one by one instead).</summary>
    public async Task<WriteResult<GroupRow>> DeclineAsync(EventRow e, long groupId, long organiserId, string? reason, Validator v, CancellationToken ct = default)
    {
        var why = v.Required("reason", reason, 1000, "Reason");
        // Null whenever the reason got a message: missing, too long, or holding a character no text may.
        if (why is null) return WriteResult<GroupRow>.Invalid(v);
        return await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            if (await CommunityQueries.GroupAsync(c, tx, e.Id, groupId) is not { } g) return WriteResult<GroupRow>.NotFound;
            if (g.Status == GroupStatuses.Approved)
            {
                v.Add("reason", "This group is already approved: decline its room requests instead.");
                return WriteResult<GroupRow>.Invalid(v);
            }
            await c.ExecuteAsync("""
                UPDATE community_groups SET status = 'declined', decline_reason = @why, decided_by = @organiserId, decided_at = @now WHERE id = @groupId
                """, new { groupId, why, organiserId, now = clock.GetUtcNow() }, tx);
            foreach (var host in await CommunityQueries.HostsAsync(c, tx, groupId))
            {
                await notices.AddAsync(c, tx, new NotificationRequest($"community-group:{groupId}:declined:{host}",
                    CommunityNotificationKinds.GroupDeclined.Name, host, e.Id, new Dictionary<string, string> { ["group"] = g.Name, ["reason"] = why }));
            }
            return WriteResult<GroupRow>.Ok((await CommunityQueries.GroupAsync(c, tx, e.Id, groupId))!);
        }, ct);
    }
}
