using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// Room requests and reservations. Every decision that puts a block in a room (an organiser's approval, a group
/// accepting an organiser's proposal) reads what occupies the room and writes the approval in one BEGIN IMMEDIATE
/// transaction, so two approvals for the same room and time cannot both pass: the second sees the first and is
/// refused with alternatives. Notices go to the outbox in the same transaction.
/// </summary>
public sealed class BlockStore(TimeProvider clock, Outbox outbox, LiveSchedule live, CommunityWebhooks webhooks)
{
    public async Task<WriteResult<BlockRow>> RequestAsync(EventRow e, long groupId, long userId, RequestValues values, Validator v, CancellationToken ct = default)
    {
        return await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            if (await CommunityQueries.GroupAsync(c, tx, e.Id, groupId) is not { } g) return WriteResult<BlockRow>.NotFound;
            if (!g.IsHost(userId)) return CommunityWrites.Forbidden<BlockRow>("Only the group's hosts can ask for a room.");
            if (g.Status != GroupStatuses.Approved)
            {
                v.Add("groupId", $"The organisers have not approved {g.Name} yet; you can ask for a room once they have.");
                return WriteResult<BlockRow>.Invalid(v);
            }
            var r = values.Range;
            var facts = await CommunityQueries.RoomFactsAsync(c, tx, e);
            // Asking for a room that is already taken helps nobody: say so now, with what is free (approval checks again).
            if (RoomRules.Check(facts, r.RoomId, r.StartsAt, r.EndsAt, values.ExpectedAttendance, null) is { } refusal) return CommunityWrites.Refused<BlockRow>(refusal);
            var now = clock.GetUtcNow();
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO community_blocks (event_id, group_id, requested_room_id, room_id, starts_at, ends_at, expected_attendance, purpose, av_needs,
                                              requested_by, created_at, updated_at)
                VALUES (@eventId, @groupId, @RoomId, @RoomId, @StartsAt, @EndsAt, @ExpectedAttendance, @Purpose, @AvNeeds, @userId, @now, @now)
                RETURNING id
                """, new { eventId = e.Id, groupId, r.RoomId, r.StartsAt, r.EndsAt, values.ExpectedAttendance, values.Purpose, values.AvNeeds, userId, now }, tx);
            var room = facts.Rooms.First(x => x.Id == r.RoomId).Name;
            foreach (var organiser in await CommunityQueries.OrganisersAsync(c, tx, e.Id))
            {
                await notices.AddAsync(c, tx, new NotificationRequest($"community-block:{id}:received:{organiser}",
                    CommunityNotificationKinds.RequestReceived.Name, organiser, e.Id, new Dictionary<string, string>
                    {
                        ["group"] = g.Name,
                        ["when"] = CommunityText.When(e.Zone, r.StartsAt, r.EndsAt),
                        ["room"] = room,
                        ["attendance"] = values.ExpectedAttendance.ToString(),
                        ["purpose"] = values.Purpose,
                        ["av_needs"] = values.AvNeeds.Length == 0 ? "none" : values.AvNeeds,
                        ["manage_link"] = $"/events/{e.Slug}/community/manage/{CommunityText.Day(e.Zone, r.StartsAt)}",
                    }));
            }
            return WriteResult<BlockRow>.Ok((await CommunityQueries.BlockAsync(c, tx, e.Id, id))!);
        }, ct);
    }

    /// <summary>Approves an open request, in its room or another one; refused (409/422, with alternatives) when that room is not free or too small.</summary>
    public Task<WriteResult<BlockRow>> ApproveAsync(EventRow e, long blockId, long organiserId, long? roomId, string? note, Validator v, CancellationToken ct = default)
    {
        var text = v.Optional("note", note, CommunityInputRules.MaxNote, "Note");
        if (v.HasErrors) return Task.FromResult(WriteResult<BlockRow>.Invalid(v));
        return DecideAsync(e, async (c, tx, notices) =>
        {
            if (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId) is not { } b) return WriteResult<BlockRow>.NotFound;
            if (!BlockStatuses.IsOpen(b.Status))
            {
                v.Add("status", $"Only an open request can be approved; this one is {b.Status}.");
                return WriteResult<BlockRow>.Invalid(v);
            }
            var target = roomId ?? b.RoomId;
            if (target is null)
            {
                v.Add("roomId", "Choose a room.");
                return WriteResult<BlockRow>.Invalid(v);
            }
            var facts = await CommunityQueries.RoomFactsAsync(c, tx, e);
            if (RoomRules.Check(facts, target.Value, b.StartsAt, b.EndsAt, b.ExpectedAttendance, b.Id) is { } refusal) return CommunityWrites.Refused<BlockRow>(refusal);
            await c.ExecuteAsync("""
                UPDATE community_blocks SET status = 'approved', room_id = @target, proposed_room_id = NULL, proposed_starts_at = NULL, proposed_ends_at = NULL,
                       organiser_note = @text, decline_reason = NULL, decided_by = @organiserId, version = version + 1, updated_at = @now
                WHERE id = @blockId
                """, new { blockId, target, text, organiserId, now = clock.GetUtcNow() }, tx);
            await webhooks.PublishApprovedInAsync(c, tx, e, blockId, CommunityWebhooks.ByOrganiser);
            var room = facts.Rooms.First(r => r.Id == target).Name;
            var moved = target != b.RoomId ? $"(You asked for {facts.Rooms.FirstOrDefault(r => r.Id == b.RoomId)?.Name ?? "another room"}; this room is free and fits.)" : "";
            await TellHostsAsync(c, tx, notices, e, b, CommunityNotificationKinds.BlockApproved, "approved", new()
            {
                ["group"] = b.GroupName,
                ["when"] = CommunityText.When(e.Zone, b.StartsAt, b.EndsAt),
                ["room"] = room,
                ["note"] = string.Join(" ", new[] { moved, text }.Where(x => x.Length > 0)),
                ["block_link"] = $"/events/{e.Slug}/community/blocks/{b.Id}",
            });
            return WriteResult<BlockRow>.Ok((await CommunityQueries.BlockAsync(c, tx, e.Id, blockId))!);
        }, ct);
    }

    /// <summary>Declines a request, or takes back an approved block (its sessions are cancelled and the public schedule updated).</summary>
    public Task<WriteResult<BlockRow>> DeclineAsync(EventRow e, long blockId, long organiserId, string? reason, Validator v, CancellationToken ct = default)
    {
        var why = v.Required("reason", reason, 1000, "Reason");
        // Null whenever the reason got a message: missing, too long, or holding a character no text may.
        if (why is null) return Task.FromResult(WriteResult<BlockRow>.Invalid(v));
        return DecideAsync(e, async (c, tx, notices) =>
        {
            if (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId) is not { } b) return WriteResult<BlockRow>.NotFound;
            if (!BlockStatuses.IsOpen(b.Status) && b.Status != BlockStatuses.Approved)
            {
                v.Add("status", $"This request is already {b.Status}.");
                return WriteResult<BlockRow>.Invalid(v);
            }
            await c.ExecuteAsync("""
                UPDATE community_blocks SET status = 'declined', decline_reason = @why, decided_by = @organiserId, version = version + 1, updated_at = @now WHERE id = @blockId
                """, new { blockId, why, organiserId, now = clock.GetUtcNow() }, tx);
            if (b.Status == BlockStatuses.Approved) await CancelSessionsAsync(c, tx, e, b, $"Community block of {b.GroupName} declined");
            await TellHostsAsync(c, tx, notices, e, b, CommunityNotificationKinds.BlockDeclined, "declined", new()
            {
                ["group"] = b.GroupName,
                ["when"] = CommunityText.When(e.Zone, b.StartsAt, b.EndsAt),
                ["room"] = await RoomNameAsync(c, tx, b.RoomId),
                ["reason"] = why,
                ["group_link"] = $"/events/{e.Slug}/community/groups/{b.GroupId}",
            });
            return WriteResult<BlockRow>.Ok((await CommunityQueries.BlockAsync(c, tx, e.Id, blockId))!);
        }, ct);
    }

    /// <summary>Offers the group another room and/or time; the group accepts (which approves it, re-checked then) or declines.</summary>
    public Task<WriteResult<BlockRow>> ProposeAsync(EventRow e, long blockId, long organiserId, TimeRange range, string? note, Validator v, CancellationToken ct = default)
    {
        var text = v.Optional("note", note, CommunityInputRules.MaxNote, "Note");
        if (v.HasErrors) return Task.FromResult(WriteResult<BlockRow>.Invalid(v));
        return DecideAsync(e, async (c, tx, notices) =>
        {
            if (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId) is not { } b) return WriteResult<BlockRow>.NotFound;
            if (!BlockStatuses.IsOpen(b.Status))
                return CommunityWrites.Refused<BlockRow>(new Refusal(422, "Not an open request", $"This request is {b.Status}; only an open request can be moved.", [], [], null));
            var facts = await CommunityQueries.RoomFactsAsync(c, tx, e);
            if (RoomRules.Check(facts, range.RoomId, range.StartsAt, range.EndsAt, b.ExpectedAttendance, b.Id) is { } refusal) return CommunityWrites.Refused<BlockRow>(refusal);
            await c.ExecuteAsync("""
                UPDATE community_blocks SET status = 'proposed', proposed_room_id = @RoomId, proposed_starts_at = @StartsAt, proposed_ends_at = @EndsAt,
                       organiser_note = @text, decided_by = @organiserId, version = version + 1, updated_at = @now
                WHERE id = @blockId
                """, new { blockId, range.RoomId, range.StartsAt, range.EndsAt, text, organiserId, now = clock.GetUtcNow() }, tx);
            var proposedRoom = facts.Rooms.First(r => r.Id == range.RoomId).Name;
            await TellHostsAsync(c, tx, notices, e, b, CommunityNotificationKinds.BlockMoved, "moved", new()
            {
                ["group"] = b.GroupName,
                ["requested"] = $"{await RoomNameAsync(c, tx, b.RoomId)}, {CommunityText.When(e.Zone, b.StartsAt, b.EndsAt)}",
                ["proposed"] = $"{proposedRoom}, {CommunityText.When(e.Zone, range.StartsAt, range.EndsAt)}",
                ["note"] = text,
                ["group_link"] = $"/events/{e.Slug}/community/groups/{b.GroupId}",
            });
            return WriteResult<BlockRow>.Ok((await CommunityQueries.BlockAsync(c, tx, e.Id, blockId))!);
        }, ct);
    }

    /// <summary>The group takes the organisers' proposal: approved there, if the room is still free (checked now, in the transaction).</summary>
    public Task<WriteResult<BlockRow>> AnswerProposalAsync(EventRow e, long blockId, long userId, bool accept, CancellationToken ct = default) =>
        DecideAsync(e, async (c, tx, notices) =>
        {
            if (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId) is not { } b) return WriteResult<BlockRow>.NotFound;
            if (!await IsHostAsync(c, tx, b.GroupId, userId)) return CommunityWrites.Forbidden<BlockRow>("Only the group's hosts can answer for it.");
            if (b.Status != BlockStatuses.Proposed || b.ProposedRoomId is not { } room || b.ProposedStartsAt is not { } starts || b.ProposedEndsAt is not { } ends)
                return CommunityWrites.Refused<BlockRow>(new Refusal(422, "No proposal to answer", $"This request is {b.Status}; there is no open proposal.", [], [], null));
            var now = clock.GetUtcNow();
            if (accept)
            {
                var facts = await CommunityQueries.RoomFactsAsync(c, tx, e);
                if (RoomRules.Check(facts, room, starts, ends, b.ExpectedAttendance, b.Id) is { } refusal) return CommunityWrites.Refused<BlockRow>(refusal);
                await c.ExecuteAsync("""
                    UPDATE community_blocks SET status = 'approved', room_id = proposed_room_id, starts_at = proposed_starts_at, ends_at = proposed_ends_at,
                           proposed_room_id = NULL, proposed_starts_at = NULL, proposed_ends_at = NULL, version = version + 1, updated_at = @now
                    WHERE id = @blockId
                    """, new { blockId, now }, tx);
                await webhooks.PublishApprovedInAsync(c, tx, e, blockId, CommunityWebhooks.ByGroupAcceptingProposal);
            }
            else
            {
                await c.ExecuteAsync("""
                    UPDATE community_blocks SET status = 'requested', proposed_room_id = NULL, proposed_starts_at = NULL, proposed_ends_at = NULL,
                           version = version + 1, updated_at = @now
                    WHERE id = @blockId
                    """, new { blockId, now }, tx);
            }
            var answer = accept ? "accepted" : "declined";
            foreach (var organiser in await CommunityQueries.OrganisersAsync(c, tx, e.Id))
            {
                await notices.AddAsync(c, tx, new NotificationRequest($"community-block:{b.Id}:v{b.Version}:{answer}:{organiser}",
                    CommunityNotificationKinds.ProposalAnswered.Name, organiser, e.Id, new Dictionary<string, string>
                    {
                        ["group"] = b.GroupName,
                        ["answer"] = answer,
                        ["proposed"] = $"{await RoomNameAsync(c, tx, room)}, {CommunityText.When(e.Zone, starts, ends)}",
                        ["manage_link"] = $"/events/{e.Slug}/community/manage/{CommunityText.Day(e.Zone, starts)}",
                    }));
            }
            return WriteResult<BlockRow>.Ok((await CommunityQueries.BlockAsync(c, tx, e.Id, blockId))!);
        }, ct);

    /// <summary>The group gives back a request or an approved block (its sessions are cancelled and the public schedule updated).</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run inside the transaction before anything is written; false withdraws nothing (NotFound).</summary>
    public Task<WriteResult<BlockRow>> WithdrawAsync(EventRow e, long blockId, long userId, Validator v, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        DecideAsync(e, async (c, tx, notices) =>
        {
            if (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId) is not { } b) return WriteResult<BlockRow>.NotFound;
            if (!await IsHostAsync(c, tx, b.GroupId, userId)) return CommunityWrites.Forbidden<BlockRow>("Only the group's hosts can withdraw its requests.");
            if (!BlockStatuses.IsOpen(b.Status) && b.Status != BlockStatuses.Approved)
            {
                v.Add("status", $"This request is already {b.Status}.");
                return WriteResult<BlockRow>.Invalid(v);
            }
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return WriteResult<BlockRow>.NotFound;
            await c.ExecuteAsync("UPDATE community_blocks SET status = 'withdrawn', version = version + 1, updated_at = @now WHERE id = @blockId",
                new { blockId, now = clock.GetUtcNow() }, tx);
            if (b.Status == BlockStatuses.Approved) await CancelSessionsAsync(c, tx, e, b, $"Community block of {b.GroupName} withdrawn");
            return WriteResult<BlockRow>.Ok((await CommunityQueries.BlockAsync(c, tx, e.Id, blockId))!);
        }, ct);

    // One write transaction (the outbox kicks mail delivery after its commit); after commit, webhook delivery is kicked and the
    // public schedule's cache dropped (a cancelled block may have changed it).
    private async Task<WriteResult<BlockRow>> DecideAsync(EventRow e, Func<IDbConnection, IDbTransaction, OutboxBatch, Task<WriteResult<BlockRow>>> work,
        CancellationToken ct)
    {
        var outcome = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            // room checks read then write: one writer per event on PostgreSQL, as on SQLite
            return await work(c, tx, notices);
        }, ct);
        if (outcome.Kind == WriteKind.Ok)
        {
            webhooks.Kick();
            await live.AfterCommitAsync(e.Slug, ct);
        }
        return outcome;
    }

    private async Task CancelSessionsAsync(IDbConnection c, IDbTransaction tx, EventRow e, BlockRow b, string reason)
    {
        var sessions = (await c.QueryAsync<long>("SELECT session_id FROM community_block_sessions WHERE block_id = @blockId", new { blockId = b.Id }, tx)).AsList();
        var cancelled = await SessionWrites.CancelLiveInAsync(c, tx, sessions, clock.GetUtcNow());
        if (cancelled > 0) await live.PublishAsync(c, tx, e, reason);
    }

    private static async Task TellHostsAsync(IDbConnection c, IDbTransaction tx, OutboxBatch notices, EventRow e, BlockRow b, NotificationKind kind, string what,
        Dictionary<string, string> values)
    {
        foreach (var host in await CommunityQueries.HostsAsync(c, tx, b.GroupId))
        {
            await notices.AddAsync(c, tx, new NotificationRequest($"community-block:{b.Id}:v{b.Version}:{what}:{host}", kind.Name, host, e.Id, values));
        }
    }

    /// <summary>A host of the group, or an organiser of the event (who may step in for a group, as with any session).</summary>
    internal static Task<bool> MaySessionsAsync(IDbConnection c, IDbTransaction tx, long eventId, long groupId, long userId) =>
        c.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM community_hosts WHERE group_id = @groupId AND user_id = @userId)
                OR EXISTS (SELECT 1 FROM event_roles WHERE event_id = @eventId AND user_id = @userId AND role = 'organiser')
            """, new { eventId, groupId, userId }, tx);

    internal static Task<bool> IsHostAsync(IDbConnection c, IDbTransaction tx, long groupId, long userId) =>
        c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM community_hosts WHERE group_id = @groupId AND user_id = @userId)", new { groupId, userId }, tx);

    private static async Task<string> RoomNameAsync(IDbConnection c, IDbTransaction tx, long? roomId) =>
        roomId is null ? "a room" : await c.ExecuteScalarAsync<string?>("SELECT name FROM rooms WHERE id = @roomId", new { roomId }, tx) ?? "a room";
}
