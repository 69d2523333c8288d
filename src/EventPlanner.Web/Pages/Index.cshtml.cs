using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.AspNetCore.OutputCaching;

namespace EventPlanner.Web.Pages;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class IndexModel(EventStore events, IAuthorizationService authz) : PageModel
{
    public IReadOnlyList<EventRow> PublicEvents { get; private set; } = [];
    public IReadOnlyList<(EventRow Event, string Role)> MyEvents { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync()
    {
        PublicEvents = await events.ListPublicAsync();
        if (User.UserId() is { } id)
        {
            MyEvents = await events.ListForUserAsync(id);
            CanCreate = (await authz.AuthorizeAsync(User, Policies.CanCreateEvents)).Succeeded;
        }
    }
}
