using System.Data;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// The confirming post's recount, run by the owning feature's write as the first thing inside its transaction
/// (the store takes it as a plain <c>Func&lt;IDbConnection, IDbTransaction, Task&lt;bool&gt;&gt;</c> guard and names no
/// Dashboard type), so nothing that changes between the recount and the write slips through. When the counts differ
/// from the posted stamp the write does nothing and <see cref="Fresh"/> holds what to show instead.
/// </summary>
public sealed class StampCheck(long eventId, string? stamp, Func<IDbConnection, IDbTransaction?, Task<Impact?>> recount)
{
    /// <summary>The counts read inside the write; null before it ran or when the thing was already gone.</summary>
    public Impact? Fresh { get; private set; }

    /// <summary>The thing is still there but no longer what was confirmed (or is now refused): ask again.</summary>
    public bool Changed { get; private set; }

    public async Task<bool> HoldsAsync(IDbConnection c, IDbTransaction tx)
    {
        // On PostgreSQL writers run side by side: hold the event's write lock so the counts stay true until commit.
        await SqlDialect.Of(c).LockEventAsync(c, tx, eventId);
        Fresh = await recount(c, tx);
        Changed = Fresh is not null && !Fresh.ConfirmedBy(stamp);
        return Fresh is not null && !Changed;
    }
}
