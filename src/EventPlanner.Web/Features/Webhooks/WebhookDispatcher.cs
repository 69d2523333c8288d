using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;
using Hangfire;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>Kicks the webhook outbox's drain job (see <see cref="DrainKicker{TDrain}"/>).</summary>
public sealed class WebhookDispatcher(IBackgroundJobClient jobs, ILogger<WebhookDispatcher> logger)
    : DrainKicker<WebhookDelivery>(jobs, logger, d => d.DrainAsync(CancellationToken.None), "webhook"), IWebhookDispatcher;
