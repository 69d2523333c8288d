using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Puts a proposal straight into a state (and released state) for demo data and test set-up only: in the app, decisions
/// are made by the Reviews feature through <see cref="Features.Submissions.ProposalDecisions"/>, with their mail and
/// bookkeeping. Kept out of the production stores so no request path can reach it.
/// </summary>
public static class DemoProposalStates
{
    public static Task SetAsync(Db db, long id, string state, string releasedState, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE proposals SET state = @state, released_state = @releasedState WHERE id = @id",
            new { id, state, releasedState }, tx), ct);
}
