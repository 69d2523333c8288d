using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.EventNotifications;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class TemplatesModel(EventStore events, TemplateStore templates, NotificationKindRegistry kinds) : PageModel
{
    public EventRow Event { get; private set; } = new();
    public IReadOnlyList<NotificationKind> Kinds { get; } = kinds.Overridable.ToList();
    public IReadOnlySet<string> Overridden { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        Event = e;
        Overridden = (await templates.ListAsync(e.Id)).Select(t => t.Kind).ToHashSet();
        return Page();
    }
}
