using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Webhooks;

/// <summary>One delivery: its body, every attempt with the receiver's answer, and "Resend".</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class DeliveryModel(EventStore events, WebhookStore store, WebhookOutbox outbox) : PageModel
{
    public EventRow Event { get; private set; } = new();
    public WebhookDeliveryRow Delivery { get; private set; } = new();
    public IReadOnlyList<WebhookAttemptRow> Attempts { get; private set; } = [];
    public string EndpointUrl { get; private set; } = "";

    /// <summary>The body indented for reading; what was sent (and signed) is the compact form.</summary>
    public string PrettyPayload => System.Text.Json.Nodes.JsonNode.Parse(Delivery.Payload)?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? Delivery.Payload;

    public string Local(DateTimeOffset at) => LocalTimes.Show(at, Event.Zone);

    public async Task<IActionResult> OnGetAsync(string slug, long id) => await LoadAsync(slug, id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResendAsync(string slug, long id)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var result = await store.ResendAsync(e.Id, id, HttpContext.RequestAborted);
        if (result.Kind == WriteKind.NotFound) return NotFound();
        if (result.IsOk) outbox.Kick();
        // A refusal is not a field error: it says what to do next, above the delivery.
        TempData["Flash"] = result.IsOk ? "Sending it again now, with the same delivery id." : result.Message;
        return Redirect($"/events/{slug}/webhooks/deliveries/{id}");
    }

    private async Task<bool> LoadAsync(string slug, long id)
    {
        if (await events.FindAsync(slug) is not { } e || await store.DeliveryAsync(e.Id, id, HttpContext.RequestAborted) is not { } found) return false;
        Event = e;
        (Delivery, Attempts) = found;
        EndpointUrl = (await store.FindAsync(e.Id, Delivery.EndpointId, HttpContext.RequestAborted))?.Url ?? "";
        return true;
    }
}
