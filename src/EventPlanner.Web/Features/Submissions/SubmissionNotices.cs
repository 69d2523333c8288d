using System.Data;
using Dapper;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Who the call for papers tells what, from one place. The stores call these inside the transaction
/// that makes the change (<see cref="Outbox.WriteWithNoticesAsync{T}"/>), so each notification is written to the
/// outbox with it (a refused or rolled-back change promises nothing) and delivery is kicked after the commit.
/// Dedupe keys name the fact and the recipient, so a retried request tells nobody twice.
/// </summary>
public sealed class SubmissionNotices
{
    /// <summary>A receipt to every speaker of the proposal.</summary>
    public async Task ProposalSubmittedAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, EventRow e, long proposalId)
    {
        var title = await TitleAsync(c, tx, proposalId);
        foreach (var userId in await SpeakersAsync(c, tx, proposalId))
        {
            await batch.AddAsync(c, tx, new NotificationRequest($"proposal-submitted:{proposalId}:{userId}",
                SubmissionNotificationKinds.ProposalSubmitted.Name, userId, e.Id, new Dictionary<string, string>
                {
                    ["title"] = title,
                    ["proposal_link"] = $"/events/{e.Slug}/proposals/{proposalId}",
                }));
        }
    }

    /// <summary>The invitation, to the invited address (the account with that address when there is one).</summary>
    public async Task CoSpeakerInvitedAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, EventRow e, long proposalId, string inviterName, InvitationRow invitation, string token)
    {
        await batch.AddAsync(c, tx, NotificationRequest.ForAddress($"cospeaker-invited:{invitation.Id}:{invitation.Email.ToLowerInvariant()}",
            SubmissionNotificationKinds.CoSpeakerInvited.Name, invitation.Email, null, e.Id, new Dictionary<string, string>
            {
                ["inviter_name"] = inviterName,
                ["title"] = await TitleAsync(c, tx, proposalId),
                ["invitation_link"] = $"/invitations/co-speaker?token={Uri.EscapeDataString(token)}",
                ["invited_address"] = invitation.Email,
                ["expires_at"] = CfpTime.Describe(invitation.ExpiresAt, e.Zone),
            }));
    }

    /// <summary>Every speaker hears of an organiser's edit; the version in the key makes each edit its own notice.</summary>
    public async Task EditedByOrganiserAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, EventRow e, long proposalId, int version, long organiserId)
    {
        var organiser = await c.QuerySingleAsync<string>("SELECT display_name FROM users WHERE id = @organiserId", new { organiserId }, tx);
        var title = await TitleAsync(c, tx, proposalId);
        foreach (var userId in await SpeakersAsync(c, tx, proposalId))
        {
            await batch.AddAsync(c, tx, new NotificationRequest($"proposal-edited:{proposalId}:v{version}:{userId}",
                SubmissionNotificationKinds.ProposalEditedByOrganiser.Name, userId, e.Id, new Dictionary<string, string>
                {
                    ["title"] = title,
                    ["organiser_name"] = organiser,
                    ["proposal_link"] = $"/events/{e.Slug}/proposals/{proposalId}",
                }));
        }
    }

    private static Task<string> TitleAsync(IDbConnection c, IDbTransaction tx, long proposalId) =>
        c.QuerySingleAsync<string>("SELECT title FROM proposals WHERE id = @proposalId", new { proposalId }, tx);

    private static async Task<IReadOnlyList<long>> SpeakersAsync(IDbConnection c, IDbTransaction tx, long proposalId) =>
        (await c.QueryAsync<long>("SELECT user_id FROM proposal_speakers WHERE proposal_id = @proposalId ORDER BY is_owner DESC, user_id",
            new { proposalId }, tx)).AsList();
}
