using System.Data;
using Dapper;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// community.block_approved, written in the approval's own transaction (an organiser's approval, or the group accepting
/// the room the organisers proposed). Only what the public block page shows: the group, room and times, not the
/// purpose, AV needs or notes the group and organisers exchanged.
/// </summary>
public sealed class CommunityWebhooks(WebhookOutbox webhooks, AppUrls urls)
{
    public const string ByOrganiser = "organiser";
    public const string ByGroupAcceptingProposal = "group-accepted-proposal";

    public async Task PublishApprovedInAsync(IDbConnection c, IDbTransaction tx, EventRow e, long blockId, string approvedBy)
    {
        var b = (await CommunityQueries.BlockAsync(c, tx, e.Id, blockId))!;
        var room = await c.ExecuteScalarAsync<string?>("SELECT name FROM rooms WHERE id = @RoomId", new { b.RoomId }, tx);
        await webhooks.PublishAsync(c, tx, e.Id, WebhookEventTypes.CommunityBlockApproved, new
        {
            block = new
            {
                id = b.Id,
                group = new { id = b.GroupId, name = b.GroupName },
                room = new { id = b.RoomId, name = room },
                startsAt = b.StartsAt,
                endsAt = b.EndsAt,
                expectedAttendance = b.ExpectedAttendance,
            },
            approvedBy,
            link = urls.Absolute($"/events/{e.Slug}/community/blocks/{b.Id}"),
        });
    }

    /// <summary>After the approval commits.</summary>
    public void Kick() => webhooks.Kick();
}
