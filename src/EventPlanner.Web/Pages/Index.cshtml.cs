using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.AspNetCore.OutputCaching;

namespace EventPlanner.Web.Pages;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class IndexModel(EventStore events, IAuthorizationService authz, TimeProvider clock) : PageModel
{
    /// <summary>Public events not yet over, soonest first: what a visitor can still go to.</summary>
    public IReadOnlyList<EventRow> PublicEvents { get; private set; } = [];
    /// <summary>Public events that ended, the latest first.</summary>
    public IReadOnlyList<EventRow> PastEvents { get; private set; } = [];
    public IReadOnlyList<(EventRow Event, string Role)> MyEvents { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        // "Over" in the event's own zone: an event in Kuala Lumpur has ended there hours before it has in Lisbon.
        var all = await events.ListPublicAsync();
        bool Over(EventRow e) => e.IsOverAt(now);
        PublicEvents = all.Where(e => !Over(e)).ToList();
        PastEvents = all.Where(Over).OrderByDescending(e => e.EndsOn).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        if (User.UserId() is { } id)
        {
            MyEvents = await events.ListForUserAsync(id);
            CanCreate = (await authz.AuthorizeAsync(User, Policies.CanCreateEvents)).Succeeded;
        }
    }
}
