using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.EventNotifications;

/// <summary>Edit one kind's wording for the event, preview it rendered with real data, or go back to the built-in.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class TemplateModel(EventStore events, TemplateStore templates, NotificationKindRegistry kinds) : PageModel
{
    [BindProperty] public TemplateInput Input { get; set; } = new();
    public EventRow Event { get; private set; } = new();
    public NotificationKind Kind { get; private set; } = EventNotificationKinds.TeamRoleGranted;
    public bool IsOverridden { get; private set; }
    public TemplatePreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string kind)
    {
        if (!await LoadAsync(slug, kind)) return NotFound();
        var current = await templates.FindAsync(Event.Id, Kind.Name) ?? new Wording(Kind.Subject, Kind.Body);
        Input = new TemplateInput { Subject = current.Subject, Body = current.Body };
        Preview = await templates.PreviewAsync(Event.Id, Kind, current, User.DisplayNameOf());
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string slug, string kind)
    {
        if (!await LoadAsync(slug, kind)) return NotFound();
        var v = new Validator();
        if (TemplateStore.Validate(Kind, Input.Subject, Input.Body, v) is { } wording)
        {
            Preview = await templates.PreviewAsync(Event.Id, Kind, wording, User.DisplayNameOf());
        }
        ModelState.AddErrors(v);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, string kind)
    {
        if (!await LoadAsync(slug, kind)) return NotFound();
        var v = new Validator();
        if (!await templates.SaveAsync(Event.Id, Kind, Input.Subject, Input.Body, User.RequiredUserId(), v))
        {
            ModelState.AddErrors(v);
            return Page();
        }
        TempData["Flash"] = $"Saved: “{Kind.Label}” emails of this event use your wording from now on.";
        return Redirect($"/events/{slug}/notifications/templates/{kind}");
    }

    public async Task<IActionResult> OnPostResetAsync(string slug, string kind)
    {
        if (!await LoadAsync(slug, kind)) return NotFound();
        await templates.ResetAsync(Event.Id, Kind.Name);
        TempData["Flash"] = $"“{Kind.Label}” is back to the built-in wording.";
        return Redirect($"/events/{slug}/notifications/templates/{kind}");
    }

    private async Task<bool> LoadAsync(string slug, string kind)
    {
        if (await events.FindAsync(slug) is not { } e) return false;
        if (kinds.Overridable.FirstOrDefault(k => k.Name == kind) is not { } k) return false;
        Event = e;
        Kind = k;
        IsOverridden = await templates.FindAsync(e.Id, k.Name) is not null;
        return true;
    }

    public sealed class TemplateInput
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }
}
