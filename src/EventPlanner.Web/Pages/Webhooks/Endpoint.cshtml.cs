using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Webhooks;

/// <summary>One endpoint: change, disable, rotate its secret (shown once) or remove it; its own delivery log.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class EndpointModel(EventStore events, WebhookStore store, WebhookOutbox outbox) : PageModel
{
    [BindProperty] public WebhookForm Input { get; set; } = new();
    public EventRow Event { get; private set; } = new();
    public WebhookEndpointRow Endpoint { get; private set; } = new();
    public IReadOnlyList<WebhookDeliveryRow> Deliveries { get; private set; } = [];
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        Input = WebhookForm.From(Endpoint);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        var v = new Validator();
        var (row, _) = await store.UpdateAsync(Event.Id, id, Input.AsInput(withActive: true), v, HttpContext.RequestAborted);
        ModelState.Clear();
        ModelState.AddErrors(v);
        if (row is null) return v.HasErrors ? Page() : NotFound();
        if (row.Active) outbox.Kick(); // deliveries that waited while it was disabled go now
        TempData["Flash"] = row.Active ? "Endpoint saved." : "Endpoint saved and disabled: nothing is sent to it until you enable it again.";
        return Redirect($"/events/{slug}/webhooks/{id}");
    }

    public async Task<IActionResult> OnPostRotateAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        var (row, _) = await store.UpdateAsync(Event.Id, id, new WebhookInput { RotateSecret = true }, new Validator(), HttpContext.RequestAborted);
        if (row is null) return NotFound();
        // Shown in this answer only.
        Response.Headers.CacheControl = "no-store";
        NewSecret = row.Secret;
        Endpoint = row;
        Input = WebhookForm.From(row);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, long id)
    {
        if (await events.FindAsync(slug) is not { } e || !await store.DeleteAsync(e.Id, id, HttpContext.RequestAborted)) return NotFound();
        TempData["Flash"] = "Endpoint removed with its delivery log.";
        return Redirect($"/events/{slug}/webhooks");
    }

    private async Task<bool> LoadAsync(string slug, long id)
    {
        if (await events.FindAsync(slug) is not { } e || await store.FindAsync(e.Id, id, HttpContext.RequestAborted) is not { } row) return false;
        Event = e;
        Endpoint = row;
        Deliveries = await store.DeliveriesAsync(e.Id, id, 50, HttpContext.RequestAborted);
        return true;
    }
}
