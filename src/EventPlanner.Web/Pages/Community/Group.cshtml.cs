using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Community;

/// <summary>A group's own page for its hosts (and the organisers): ask for a room, answer proposals, withdraw, co-hosts, details.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class GroupModel(CommunityAccess access, CommunityQueries queries, GroupStore groups, BlockStore blocks, ParticipantImpacts impacts)
    : CommunityPageModel(access)
{
    /// <summary>The confirmation step of withdrawing a request or block; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public GroupRow Group { get; private set; } = null!;
    public IReadOnlyList<BlockRow> Blocks { get; private set; } = [];
    public IReadOnlyList<EventPlanner.Web.Features.Events.EventDayRow> Days { get; private set; } = [];
    public bool IsHost => Group.IsHost(UserId);

    [BindProperty] public RequestForm Ask { get; set; } = new();
    [BindProperty] public GroupForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new GroupForm { Name = Group.Name, Description = Group.Description, Contacts = Group.Contacts, LogoUrl = Group.LogoUrl };
        return Page();
    }

    public async Task<IActionResult> OnPostRequestAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        var values = CommunityInputRules.Validate(new RequestInput(Ask.RoomId, Ask.Date, Ask.Start, Ask.End, Ask.ExpectedAttendance,
            Ask.Purpose, Ask.AvNeeds), Event, v);
        if (values is null) { ModelState.AddErrors(v, "Ask"); return await PageAgainAsync(id); }
        if (!Succeeded(await blocks.RequestAsync(Event, id, User.RequiredUserId(), values, v), "Ask")) return await PageAgainAsync(id);
        TempData["Flash"] = "Room request sent. The organisers will approve it, decline it or propose another time; you will get an email.";
        return Redirect(Here(id));
    }

    public async Task<IActionResult> OnPostAnswerAsync(long id, long blockId, bool accept)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        if (!Succeeded(await blocks.AnswerProposalAsync(Event, blockId, User.RequiredUserId(), accept), "")) return await PageAgainAsync(id);
        TempData["Flash"] = accept ? "Accepted: the room is yours at that time." : "Declined: your request stays open as you asked it.";
        return Redirect(Here(id));
    }

    /// <summary>The first post shows what withdrawing cancels; only a post with the stamp of those same counts withdraws. Hosts only see counts.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(long id, long blockId, string? stamp)
    {
        if (!await LoadAsync(id)) return NotFound();
        StampCheck? check = null;
        if (IsHost && await impacts.BlockWithdrawalAsync(Event.Id, id, blockId) is { } what)
        {
            if (!what.ConfirmedBy(stamp)) return AskWithdraw(id, blockId, what, stamp is not null);
            // The same counts are read again inside the withdrawing transaction: a session or star added meanwhile asks again.
            check = new StampCheck(Event.Id, stamp, (c, tx) => ParticipantImpacts.BlockWithdrawalAsync(c, tx, Event.Id, id, blockId));
        }
        var v = new Validator();
        var outcome = await blocks.WithdrawAsync(Event, blockId, User.RequiredUserId(), v, stillAsShown: check is null ? null : check.HoldsAsync);
        if (check is { Changed: true, Fresh: { } fresh }) return AskWithdraw(id, blockId, fresh, true);
        if (!Succeeded(outcome, "")) return await PageAgainAsync(id);
        TempData["Flash"] = "Withdrawn.";
        return Redirect(Here(id));
    }

    private IActionResult AskWithdraw(long id, long blockId, Impact what, bool changed)
    {
        Confirm = new ConfirmView(what, $"Withdraw {what.Subject}?", "Withdraw", new Dictionary<string, string> { ["blockId"] = blockId.ToString() },
            "Withdraw", Here(id), "Keep it", changed);
        return Page();
    }

    public async Task<IActionResult> OnPostHostAsync(long id, string? email)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        if (!Succeeded(await groups.AddHostAsync(Event, id, User.RequiredUserId(), email, v), "Host")) return await PageAgainAsync(id);
        TempData["Flash"] = $"{email} is now a co-host.";
        return Redirect(Here(id));
    }

    public async Task<IActionResult> OnPostEditAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        if (CommunityInputRules.Validate(Input.AsInput(), v) is not { } values) { ModelState.AddErrors(v); return await PageAgainAsync(id); }
        if (!Succeeded(await groups.UpdateAsync(Event, id, User.RequiredUserId(), values, v), "Input")) return await PageAgainAsync(id);
        TempData["Flash"] = "Saved.";
        return Redirect(Here(id));
    }

    private string Here(long id) => $"/events/{Slug}/community/groups/{id}";

    private async Task<IActionResult> PageAgainAsync(long id)
    {
        await LoadAsync(id);
        return Page();
    }

    // Hosts and the event's organisers only: anyone else finds nothing here (the public list is /community).
    private async Task<bool> LoadAsync(long id)
    {
        if (!await LoadEventAsync() || await queries.GroupAsync(Event.Id, id) is not { } g) return false;
        Group = g;
        if (!IsHost && !IsOrganiser) return false;
        Blocks = await queries.BlocksAsync(Event.Id, id);
        Days = (await queries.RoomFactsAsync(Event)).Days;
        return true;
    }

    public sealed class RequestForm
    {
        public long? RoomId { get; set; }
        public string? Date { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public int? ExpectedAttendance { get; set; }
        public string? Purpose { get; set; }
        public string? AvNeeds { get; set; }
    }
}
