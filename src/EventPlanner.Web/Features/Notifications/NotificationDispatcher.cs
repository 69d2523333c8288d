using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>Kicks the mail outbox's drain job (see <see cref="DrainKicker{TDrain}"/>).</summary>
public sealed class NotificationDispatcher(IBackgroundJobClient jobs, ILogger<NotificationDispatcher> logger)
    : DrainKicker<NotificationDelivery>(jobs, logger, d => d.DrainAsync(CancellationToken.None), "notification"), IOutboxDispatcher;
