using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Schedule;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.AspNetCore.OutputCaching;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>A released session: when and where, who speaks, what it is about, and what runs against it. Signed-in readers star it here.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class SessionModel(PublicSchedule schedule, AgendaStore agenda, EventAccess access) : PublicSchedulePageModel(schedule, agenda)
{
    private readonly AgendaStore _agenda = agenda;

    public SnapSession Session { get; private set; } = null!;

    /// <summary>The signed-in reader is one of its speakers or an organiser: offer the materials page.</summary>
    public bool MayAttach { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync() || Release?.Find(id) is not { } s) return NotFound();
        Session = s;
        if (User.UserId() is { } userId)
            MayAttach = s.Speakers.Any(p => p.Id == userId) || (await access.RolesAsync(HttpContext, userId, Slug)).Contains(EventRoles.Organiser);
        return Page();
    }

    public Task<IActionResult> OnPostStarAsync(long id, string? returnUrl) => ToggleAsync(id, star: true, returnUrl);

    public Task<IActionResult> OnPostUnstarAsync(long id, string? returnUrl) => ToggleAsync(id, star: false, returnUrl);

    private async Task<IActionResult> ToggleAsync(long id, bool star, string? returnUrl)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync() || Release?.Find(id) is not { } s) return NotFound();
        if (star) await _agenda.StarAsync(userId, EventId, id);
        else await _agenda.UnstarAsync(userId, id);
        TempData["Flash"] = star ? $"\"{s.Title}\" is in your agenda." : $"\"{s.Title}\" is no longer in your agenda.";
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/events/{Slug}/sessions/{id}");
    }
}
