using System.Data;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>The review feature's part of a withdrawal through the call for papers (see <see cref="ConfirmationStore.WithdrawnInAsync"/>).</summary>
public sealed class ReviewWithdrawals(IServiceProvider services) : IProposalWithdrawalHandler
{
    // Resolved when used: ConfirmationStore reaches ProposalStore's readers through other stores, and the handler
    // must not make ProposalStore's own construction circular.
    public Task WithdrawnInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, long eventId, long proposalId, string previousState, DateTimeOffset now) =>
        services.GetRequiredService<ConfirmationStore>().WithdrawnInAsync(c, tx, batch, eventId, proposalId, previousState, now);
}
