using EventPlanner.Web.Features.Community;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Community;

/// <summary>The event's community groups and their rooms, for everyone; signed-in people start a group or open theirs.</summary>
[AllowAnonymous]
public sealed class IndexModel(CommunityAccess access, CommunityQueries queries) : CommunityPageModel(access)
{
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];
    public IReadOnlyList<GroupRow> Mine { get; private set; } = [];
    public IReadOnlyList<BlockRow> Blocks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        Groups = await queries.GroupsAsync(Event.Id, all: false);
        Blocks = (await queries.BlocksAsync(Event.Id)).Where(b => b.Status == BlockStatuses.Approved).ToList();
        if (UserId is { } me) Mine = await queries.HostedByAsync(Event.Id, me);
        return Page();
    }
}
