using System.Data;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// The notifications one write transaction queues: each is added inside the transaction (so a rolled-back change
/// promises nothing), and delivery is kicked once, after the commit. Only <see cref="Outbox.WriteWithNoticesAsync{T}"/>
/// and <see cref="Outbox.WriteLockedWithNoticesAsync{T}"/> make one, so no caller can forget the kick or kick early.
/// </summary>
public sealed class OutboxBatch
{
    private readonly Outbox _outbox;

    internal OutboxBatch(Outbox outbox) => _outbox = outbox;

    /// <summary>How many notifications this batch newly queued (a key already written counts nothing).</summary>
    public int Queued { get; private set; }

    /// <summary>Queues one notification in the batch's transaction; its id, or null when the dedupe key was already queued.</summary>
    public async Task<long?> AddAsync(IDbConnection c, IDbTransaction tx, NotificationRequest request)
    {
        var id = await _outbox.EnqueueAsync(c, tx, request);
        if (id is not null) Queued++;
        return id;
    }

    /// <summary>Starts delivery of what was added; called by the outbox once the transaction committed.</summary>
    internal void KickAfterCommit()
    {
        if (Queued > 0) _outbox.Kick();
    }
}
