using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.AspNetCore.OutputCaching;
using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Features.Materials;

namespace EventPlanner.Web.Pages.Events;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class DetailsModel(EventStore events, VenueStore venue, EventAccess access, SocialStore social, MaterialStore materials, CfpStore cfp, TicketTypeStore ticketTypes,
    TimeProvider clock) : PageModel
{
    /// <summary>Days left to submit while the call for papers is open (0 on its last day); null when it is not open.</summary>
    public int? CfpDaysLeft { get; private set; }
    public bool TicketsOnSale { get; private set; }
    public EventRow Event { get; private set; } = null!;
    public EventRow? Parent { get; private set; }
    public IReadOnlyList<EventRow> CoLocated { get; private set; } = [];
    public IReadOnlyList<EventDayRow> Days { get; private set; } = [];
    public IReadOnlyList<RoomRow> Rooms { get; private set; } = [];
    public IReadOnlyList<TrackRow> Tracks { get; private set; } = [];
    public bool IsOrganiser { get; private set; }
    public IReadOnlyList<SocialEventRow> Socials { get; private set; } = [];
    public IReadOnlyList<GalleryLinkRow> Gallery { get; private set; } = [];
    public bool IsReviewer { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var roles = User.UserId() is { } id ? await access.RolesAsync(HttpContext, id, slug) : new HashSet<string>();
        // A hidden event does not exist for strangers: 404, not 403, so its slug is not confirmed either.
        if (!e.IsPublic && roles.Count == 0) return NotFound();

        Event = e;
        IsOrganiser = roles.Contains(EventRoles.Organiser);
        // Reviewers of this event (a role elsewhere counts for nothing here) get a way into their queue.
        IsReviewer = roles.Contains(EventRoles.Reviewer);
        if (e.ParentSlug is { } parentSlug && await events.FindAsync(parentSlug) is { IsPublic: true } parent) Parent = parent;
        CoLocated = await events.ListChildrenAsync(e.Id);
        (Days, Rooms, Tracks) = await venue.ListPartsAsync(e.Id);
        Socials = await social.ListAsync(e.Id, publicOnly: true);
        Gallery = await materials.GalleryAsync(e.Id);
        // What a visitor can do now leads the page. The public page cache keys on the minute, so this is never older than that.
        var now = clock.GetUtcNow();
        var settings = (await cfp.LoadContextAsync(e, HttpContext.RequestAborted)).Settings;
        if (DeadlineRules.IsOpen(now, settings)) CfpDaysLeft = CfpCountdown.DaysLeft(now, settings!.ClosesAt!.Value, e.Zone);
        TicketsOnSale = (await ticketTypes.ListAsync(e.Id, HttpContext.RequestAborted)).Any(t => TicketRules.SaleRefusal(t, now) is null);
        return Page();
    }
}
