using System.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Told inside the withdrawal's own transaction that a proposal was withdrawn, with the state it had, so other
/// features (Reviews: the freed place goes to the waitlist, speaker tickets) commit with it. Mail goes into
/// <paramref name="batch"/>, kicked after the commit.
/// </summary>
public interface IProposalWithdrawalHandler
{
    Task WithdrawnInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, long eventId, long proposalId, string previousState, DateTimeOffset now);
}
