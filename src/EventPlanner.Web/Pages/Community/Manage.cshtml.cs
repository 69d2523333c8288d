using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Community;

/// <summary>
/// The organisers' view of community rooms for one day: groups waiting for approval, open requests with approve
/// (possibly into another room) / decline / propose forms, and a calendar per room with the programme beside the blocks.
/// </summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(CommunityAccess access, CommunityQueries queries, ScheduleQueries schedule, GroupStore groups, BlockStore blocks)
    : CommunityPageModel(access)
{
    public CommunityCalendar Calendar { get; private set; } = null!;
    public IReadOnlyList<GroupRow> PendingGroups { get; private set; } = [];
    public IReadOnlyList<BlockRow> Open { get; private set; } = [];
    public const int Step = 15;

    [BindProperty] public ProposeForm Propose { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? date) => await LoadAsync(date) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveGroupAsync(string? date, long groupId)
    {
        if (!await LoadAsync(date)) return NotFound();
        var v = new Validator();
        if (!Succeeded(await groups.ApproveAsync(Event, groupId, User.RequiredUserId()), "")) return await AgainAsync(date);
        TempData["Flash"] = "Group approved; its hosts are told and it has its own track.";
        return Redirect(Here(date));
    }

    public async Task<IActionResult> OnPostDeclineGroupAsync(string? date, long groupId, string? reason)
    {
        if (!await LoadAsync(date)) return NotFound();
        var v = new Validator();
        if (!Succeeded(await groups.DeclineAsync(Event, groupId, User.RequiredUserId(), reason, v), "")) return await AgainAsync(date);
        TempData["Flash"] = "Group declined; its hosts are told why.";
        return Redirect(Here(date));
    }

    public async Task<IActionResult> OnPostApproveAsync(string? date, long blockId, long? roomId)
    {
        if (!await LoadAsync(date)) return NotFound();
        var v = new Validator();
        if (!Succeeded(await blocks.ApproveAsync(Event, blockId, User.RequiredUserId(), roomId, null, v), "")) return await AgainAsync(date);
        TempData["Flash"] = "Approved: the room is reserved and the hosts are told.";
        return Redirect(Here(date));
    }

    public async Task<IActionResult> OnPostDeclineAsync(string? date, long blockId, string? reason)
    {
        if (!await LoadAsync(date)) return NotFound();
        var v = new Validator();
        if (!Succeeded(await blocks.DeclineAsync(Event, blockId, User.RequiredUserId(), reason, v), "")) return await AgainAsync(date);
        TempData["Flash"] = "Declined; the hosts are told why.";
        return Redirect(Here(date));
    }

    public async Task<IActionResult> OnPostProposeAsync(string? date, long blockId)
    {
        if (!await LoadAsync(date)) return NotFound();
        var v = new Validator();
        if (CommunityInputRules.Range(Propose.RoomId, Propose.Date, Propose.Start, Propose.End, Event, v) is not { } range)
        {
            ModelState.AddErrors(v, "Propose");
            return await AgainAsync(date);
        }
        if (!Succeeded(await blocks.ProposeAsync(Event, blockId, User.RequiredUserId(), range, Propose.Note, v), "Propose")) return await AgainAsync(date);
        TempData["Flash"] = "Proposal sent; the group accepts or declines it.";
        return Redirect(Here(date));
    }

    private string Here(string? date) => $"/events/{Slug}/community/manage/{date ?? Calendar.Date.ToString("yyyy-MM-dd")}";

    private async Task<IActionResult> AgainAsync(string? date)
    {
        await LoadAsync(date);
        return Page();
    }

    private async Task<bool> LoadAsync(string? date)
    {
        if (!await LoadEventAsync()) return false;
        var days = (await queries.RoomFactsAsync(Event)).Days;
        if (days.Count == 0) return false;
        DateOnly? wanted = DateOnly.TryParseExact(date ?? "", "yyyy-MM-dd", out var d) ? d : null;
        if (date is not null && (wanted is null || days.All(x => x.Date != wanted))) return false;
        Calendar = await CommunityCalendar.LoadAsync(Event, wanted ?? days[0].Date, schedule, queries);
        PendingGroups = (await queries.GroupsAsync(Event.Id, all: true)).Where(g => g.Status == GroupStatuses.Pending).ToList();
        Open = (await queries.BlocksAsync(Event.Id)).Where(b => BlockStatuses.IsOpen(b.Status)).ToList();
        return true;
    }

    /// <summary>The calendar's rows: from the day's opening (or the first item) to its closing (or the last), in 15-minute steps.</summary>
    public (DateTime From, int Rows) Frame()
    {
        var day = Calendar.Day!;
        var from = Calendar.Date.ToDateTime(day.OpensAt);
        var to = Calendar.Date.ToDateTime(day.ClosesAt);
        foreach (var (s, e) in Calendar.Programme.Select(p => (p.StartsAt!.Value, p.EndsAt!.Value)).Concat(Calendar.Blocks.Select(b => (b.StartsAt, b.EndsAt))))
        {
            var a = CommunityDisplay.Local(Event, s);
            var z = CommunityDisplay.Local(Event, e);
            if (DateOnly.FromDateTime(a) != Calendar.Date) continue;
            if (a < from) from = a;
            if (z > to) to = z;
        }
        from = from.AddMinutes(-(from.Minute % Step));
        return (from, (int)Math.Ceiling((to - from).TotalMinutes / Step));
    }

    /// <summary>Grid rows (1-based, after the header row) an interval covers.</summary>
    public (int Start, int End) Rows(DateTime from, DateTimeOffset starts, DateTimeOffset ends)
    {
        var a = (int)Math.Floor((CommunityDisplay.Local(Event, starts) - from).TotalMinutes / Step) + 2;
        var z = (int)Math.Ceiling((CommunityDisplay.Local(Event, ends) - from).TotalMinutes / Step) + 2;
        return (a, Math.Max(z, a + 1));
    }

    public sealed class ProposeForm
    {
        public long? RoomId { get; set; }
        public string? Date { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Note { get; set; }
    }
}
