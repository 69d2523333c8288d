using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Materials;

/// <summary>Organisers: the event's photo gallery links, one a line ("address title"), shown on the event page.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class GalleryModel(EventStore events, MaterialStore store) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public string? Lines { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await events.FindAsync(Slug) is not { } e) return NotFound();
        Event = e;
        Lines = string.Join("\n", (await store.GalleryAsync(e.Id)).Select(g => $"{g.Url} {g.Title}"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await events.FindAsync(Slug) is not { } e) return NotFound();
        Event = e;
        var v = new Validator();
        var lines = (Lines ?? "").Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var input = new GalleryInput(lines.Select(l => (GalleryLinkInput?)(l.IndexOf(' ') is var at and > 0 ? new GalleryLinkInput(l[(at + 1)..], l[..at]) : new GalleryLinkInput("", l))).ToList());
        if (MaterialRules.Gallery(input, v) is not { } links) { ModelState.AddErrors(v, ""); return Page(); }
        await store.ReplaceGalleryAsync(e.Id, links);
        TempData["Flash"] = links.Count == 0 ? "The gallery is empty." : $"{links.Count} gallery link(s) on the event page.";
        return Redirect($"/events/{Slug}/gallery/manage");
    }
}
