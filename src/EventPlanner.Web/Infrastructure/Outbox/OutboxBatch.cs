using System.Data;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// The notifications one write transaction queues: each is added inside the transaction (so a
/// rolled-back change promises nothing), and delivery is kicked once, after the commit.
/// </summary>
public sealed class OutboxBatch(Outbox outbox)
{
    /// <summary>How many notifications this batch newly queued (a key already written counts nothing).</summary>
    public int Queued { get; private set; }

    public async Task AddAsync(IDbConnection c, IDbTransaction tx, NotificationRequest request)
    {
        if (await outbox.EnqueueAsync(c, tx, request) is not null) Queued++;
    }

    /// <summary>Starts delivery of what was added; call it only after the transaction committed.</summary>
    public void Kick()
    {
        if (Queued > 0) outbox.Kick();
    }
}
