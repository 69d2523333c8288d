using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.EventNotifications;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class BulkModel(EventStore events, BulkMail bulk, TemplateStore templates) : PageModel
{
    [BindProperty] public BulkInput Input { get; set; } = new();
    public EventRow Event { get; private set; } = new();
    public IReadOnlyList<AudienceOption> Options { get; private set; } = [];
    public TemplatePreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        if (BulkMail.Validate(Input.Subject, Input.Body, v) is { } wording)
        {
            Preview = await templates.PreviewAsync(Event.Id, NotificationKinds.Bulk, wording, User.DisplayNameOf());
        }
        ModelState.AddErrors(v);
        return Page();
    }

    public async Task<IActionResult> OnPostQueueAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        var count = await bulk.QueueAsync(Event.Id, Input.Audience, Input.Subject, Input.Body, User.RequiredUserId(), v);
        if (count is null)
        {
            ModelState.AddErrors(v);
            return Page();
        }
        TempData["Flash"] = $"Queued {count} message(s). Review them below, then release them.";
        return Redirect($"/events/{slug}/notifications/held");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return false;
        Event = e;
        Options = await bulk.OptionsAsync(e.Id);
        return true;
    }

    public sealed class BulkInput
    {
        public string? Audience { get; set; }
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }
}
