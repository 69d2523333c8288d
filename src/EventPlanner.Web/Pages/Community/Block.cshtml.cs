using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Community;

/// <summary>An approved block and the group's sessions in it; its hosts add, edit and cancel them here (published at once).</summary>
[AllowAnonymous]
public sealed class BlockModel(CommunityAccess access, CommunityQueries queries, BlockSessionStore store, ParticipantImpacts impacts)
    : CommunityPageModel(access)
{
    /// <summary>The confirmation step of cancelling a session; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public BlockRow Block { get; private set; } = null!;
    public GroupRow Group { get; private set; } = null!;
    public IReadOnlyList<BlockSessionRow> Sessions { get; private set; } = [];
    public bool IsHost => Group.IsHost(UserId);

    /// <summary>Hosts fill their block; the event's organisers may step in (edit or cancel) as with any session.</summary>
    public bool MayEdit => IsHost || IsOrganiser;

    [BindProperty] public SessionForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new SessionForm { Start = CommunityDisplay.Hm(Event, Block.StartsAt), End = CommunityDisplay.Hm(Event, Block.StartsAt.AddMinutes(45) < Block.EndsAt ? Block.StartsAt.AddMinutes(45) : Block.EndsAt) };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, long? sessionId)
    {
        if (UserId is null) return Challenge(); // the page is public; changing it is for signed-in hosts
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        if (CommunityInputRules.Validate(Input.AsInput(), v) is not { } values) { ModelState.AddErrors(v); return Page(); }
        var outcome = await store.SaveAsync(Event, id, sessionId, User.RequiredUserId(), values, Input.Version, v);
        if (!Succeeded(outcome, "Input")) { Sessions = await queries.SessionsAsync(id); return Page(); }
        TempData["Flash"] = $"\"{values.Title}\" is {(sessionId is null ? "in" : "updated in")} the public schedule.";
        return Redirect($"/events/{Slug}/community/blocks/{id}");
    }

    /// <summary>
    /// The first post shows the speakers, stars and whether it was released; only a post with the stamp of those same
    /// counts cancels. Someone who may not edit the block gets the store's refusal, not the counts.
    /// </summary>
    public async Task<IActionResult> OnPostCancelAsync(long id, long sessionId, string? stamp)
    {
        if (UserId is null) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        StampCheck? check = null;
        if (MayEdit && await impacts.CommunitySessionAsync(Event.Id, id, sessionId) is { } what)
        {
            if (!what.ConfirmedBy(stamp)) return AskCancel(id, sessionId, what, stamp is not null);
            // The same counts are read again inside the cancelling transaction: a star added meanwhile asks again.
            check = new StampCheck(Event.Id, stamp, (c, tx) => ParticipantImpacts.CommunitySessionAsync(c, tx, Event.Id, id, sessionId));
        }
        var outcome = await store.CancelAsync(Event, id, sessionId, User.RequiredUserId(), stillAsShown: check is null ? null : check.HoldsAsync);
        if (check is { Changed: true, Fresh: { } fresh }) return AskCancel(id, sessionId, fresh, true);
        if (!Succeeded(outcome, "")) return Page();
        TempData["Flash"] = "Session cancelled; the public schedule says so.";
        return Redirect($"/events/{Slug}/community/blocks/{id}");
    }

    private IActionResult AskCancel(long id, long sessionId, Impact what, bool changed)
    {
        Confirm = new ConfirmView(what, $"Cancel \"{what.Subject}\"?", "Cancel", new Dictionary<string, string> { ["sessionId"] = sessionId.ToString() },
            "Cancel the session", $"/events/{Slug}/community/blocks/{id}", "Keep the session", changed);
        return Page();
    }

    public SessionForm FormOf(BlockSessionRow s) => new()
    {
        Kind = s.Kind, Title = s.Title, Abstract = s.Abstract, Start = CommunityDisplay.Hm(Event, s.StartsAt), End = CommunityDisplay.Hm(Event, s.EndsAt),
        SpeakerEmails = string.Join(", ", s.Speakers.Select(p => p.Email)), SpeakerNames = string.Join(", ", s.Guests), Version = s.Version,
    };

    // An approved block is public; a request is its group's and the organisers' business.
    private async Task<bool> LoadAsync(long id)
    {
        if (!await LoadEventAsync() || await queries.BlockAsync(Event.Id, id) is not { } b || await queries.GroupAsync(Event.Id, b.GroupId) is not { } g) return false;
        Block = b;
        Group = g;
        if (b.Status != BlockStatuses.Approved && !IsHost && !IsOrganiser) return false;
        Sessions = await queries.SessionsAsync(id);
        return true;
    }

    public sealed class SessionForm
    {
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Abstract { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? SpeakerEmails { get; set; }
        public string? SpeakerNames { get; set; }
        public int? Version { get; set; }

        public BlockSessionInput AsInput() => new(Kind, Title, Abstract, Start, End,
            CommunityInputRules.SplitList(SpeakerEmails), CommunityInputRules.SplitList(SpeakerNames), Version);
    }
}
