using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Webhooks;

/// <summary>The event's webhook endpoints, the form to add one (its secret shown once, on the answer) and the delivery log.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class IndexModel(EventStore events, WebhookStore store) : PageModel
{
    [BindProperty] public WebhookForm Input { get; set; } = new() { EventTypes = ["schedule.released"] };
    public EventRow Event { get; private set; } = new();
    public IReadOnlyList<WebhookEndpointRow> Endpoints { get; private set; } = [];
    public IReadOnlyList<WebhookDeliveryRow> Deliveries { get; private set; } = [];
    public WebhookEndpointRow? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var v = new Validator();
        Created = await store.CreateAsync(e.Id, User.RequiredUserId(), Input.AsInput(withActive: false), v, HttpContext.RequestAborted);
        ModelState.Clear();
        ModelState.AddErrors(v);
        if (Created is not null) Input = new() { EventTypes = ["schedule.released"] };
        // No redirect: the secret is shown in this answer only, never stored in a cookie or shown again.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(slug);
        return Page();
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return false;
        Event = e;
        Endpoints = await store.ListAsync(e.Id, HttpContext.RequestAborted);
        Deliveries = await store.DeliveriesAsync(e.Id, null, 50, HttpContext.RequestAborted);
        return true;
    }
}
