namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Starts delivery of what the outbox holds (Notifications' Hangfire drain job). Here, below the features, so a feature
/// writes to the outbox without knowing who delivers it.
/// </summary>
public interface IOutboxDispatcher
{
    void Kick();
}

/// <summary>
/// Mail someone is waiting for (account links): the row is written already claimed and sent in the request; if that send
/// fails, the usual retries take over. Implemented by Notifications' delivery.
/// </summary>
public interface IImmediateDelivery
{
    Task<bool> SendNowAsync(NotificationRequest request, CancellationToken ct = default);
}
