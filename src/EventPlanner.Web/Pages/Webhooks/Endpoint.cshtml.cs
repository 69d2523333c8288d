using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
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
public sealed class EndpointModel(EventStore events, WebhookStore store, WebhookOutbox outbox, Db db) : PageModel
{
    [BindProperty] public WebhookForm Input { get; set; } = new();
    public EventRow Event { get; private set; } = new();
    public WebhookEndpointRow Endpoint { get; private set; } = new();
    public IReadOnlyList<WebhookDeliveryRow> Deliveries { get; private set; } = [];
    public string? NewSecret { get; private set; }
    /// <summary>The confirmation step of removing the endpoint; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }

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

    /// <summary>The first post shows the deliveries that go with it; only a post with the stamp of those counts removes it, recounted inside the delete.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string slug, long id, string? stamp)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        var what = await EndpointRemoval.ImpactAsync(db, Event.Id, id);
        if (what is null) return NotFound();
        if (!what.ConfirmedBy(stamp)) return Ask(what, slug, id, stamp is not null);
        var check = new StampCheck(Event.Id, stamp, (c, tx) => EndpointRemoval.ImpactAsync(c, tx, Event.Id, id));
        var deleted = await store.DeleteAsync(Event.Id, id, HttpContext.RequestAborted, stillAsShown: check.HoldsAsync);
        if (check.Changed) return Ask(check.Fresh!, slug, id, true);
        if (!deleted) return NotFound();
        TempData["Flash"] = "Endpoint removed with its delivery log.";
        return Redirect($"/events/{slug}/webhooks");
    }

    private PageResult Ask(Impact what, string slug, long id, bool changed)
    {
        Input = WebhookForm.From(Endpoint);
        Confirm = new ConfirmView(what, $"Remove the endpoint {what.Subject}?", "Delete", new Dictionary<string, string>(), "Remove the endpoint",
            $"/events/{slug}/webhooks/{id}", "Keep the endpoint", changed);
        return Page();
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
