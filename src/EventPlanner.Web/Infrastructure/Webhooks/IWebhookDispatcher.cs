namespace EventPlanner.Web.Infrastructure.Webhooks;

/// <summary>Starts delivery of due webhook rows (Features/Webhooks' Hangfire drain). Cheap; call it after a commit.</summary>
public interface IWebhookDispatcher
{
    void Kick();
}
