using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>
/// The organisers' grid for one day: rooms as columns, time as rows, the unscheduled sessions beside it.
/// Every move is a plain form (room, day, start) that works without JavaScript; the drag-and-drop script
/// posts the same form and asks for JSON, so a move is one request either way.
/// </summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, ScheduleQueries queries, SessionStore store) : PageModel
{
    public ScheduleBoard Board { get; private set; } = null!;
    public EventDayRow Day { get; private set; } = null!;
    public int Step { get; private set; } = 15;
    public string? TrackFilter { get; private set; }
    public string? TypeFilter { get; private set; }
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public MoveForm Move { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? date, int? step, string? track, string? type)
    {
        if (!await LoadAsync(date)) return NotFound();
        Step = step is { } s && ScheduleDisplay.Steps.Contains(s) ? s : 15;
        TrackFilter = string.IsNullOrWhiteSpace(track) ? null : track;
        TypeFilter = SessionKinds.All.Contains(type) ? type : null;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(string? date)
    {
        if (!await LoadAsync(date)) return NotFound();
        var v = new Validator();
        var placement = Move.Unschedule ? null : SessionRules.Validate(new PlacementInput(Move.RoomId, Move.Day, Move.Start, Move.Version), Board.Event, v);
        var write = v.HasErrors ? WriteResult<SessionRow>.Invalid(v) : await store.PlaceAsync(Board.Event.Id, Move.SessionId, Move.Version, placement, v);
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var fresh = write.Kind is WriteKind.Ok or WriteKind.Conflict ? await queries.LoadAsync(Board.Event) : Board;
        var (status, message) = write.Kind switch
        {
            WriteKind.Ok => (200, $"Moved \"{write.Value!.Title}\" {fresh.Find(write.Value.Id)!.Where(fresh)}."),
            WriteKind.Conflict => (409, fresh.Find(write.Session()!.Id)!.StaleMessage(fresh)),
            WriteKind.NotFound => (404, "That session no longer exists. Reload the page."),
            _ => (400, string.Join(" ", v.Errors.SelectMany(e => e.Value))),
        };
        if (wantsJson)
        {
            if (status == 200) TempData["Flash"] = message; // shown after the script reloads the grid
            var session = write.Session() is { } w ? fresh.Find(w.Id) : null;
            return new JsonResult(new MoveAnswer(status == 200, message, session?.Version,
                session is null ? [] : fresh.ConflictsOf(session.Id).Select(c => c.AsResponse()).ToList())) { StatusCode = status };
        }
        TempData["Flash"] = message;
        return Redirect(GridUrl(date));
    }

    public async Task<IActionResult> OnPostFromProposalsAsync(string? date)
    {
        if (!await LoadAsync(date)) return NotFound();
        var created = await store.CreateFromConfirmedAsync(Board.Event.Id);
        TempData["Flash"] = created == 0
            ? "Every confirmed proposal already has a session."
            : $"Created {created} session{(created == 1 ? "" : "s")} from confirmed proposals; they wait in the unscheduled list.";
        return Redirect(GridUrl(date));
    }

    private string GridUrl(string? date) => $"/events/{Slug}/schedule/manage/{date ?? ScheduleDisplay.Iso(Day.Date)}";

    private async Task<bool> LoadAsync(string? date)
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Board = await queries.LoadAsync(e);
        if (Board.Days.Count == 0) return false;
        var wanted = ScheduleDisplay.ParseDate(date);
        if (date is not null && wanted is null) return false;
        var day = wanted is null ? Board.Days[0] : Board.Days.FirstOrDefault(d => d.Date == wanted);
        if (day is null) return false;
        Day = day;
        return true;
    }

    /// <summary>The sessions placed on this day, and the grid's first and last time.</summary>
    public (List<SessionRow> Placed, DateTime From, DateTime To) Layout()
    {
        var placed = Board.Sessions.Where(s => s.IsPlaced && Board.LocalDate(s) == Day.Date).ToList();
        var from = Day.Date.ToDateTime(Day.OpensAt);
        var to = Day.Date.ToDateTime(Day.ClosesAt);
        foreach (var s in placed)
        {
            var start = Board.Local(s.StartsAt!.Value);
            var end = Board.Local(s.EndsAt!.Value);
            if (start < from) from = start;
            if (end > to) to = end;
        }
        foreach (var block in Blocks())
        {
            if (Board.Local(block.StartsAt) < from) from = Board.Local(block.StartsAt);
            if (Board.Local(block.EndsAt) > to) to = Board.Local(block.EndsAt);
        }
        from = from.AddMinutes(-(from.Minute % Step));
        if (to.Minute % Step != 0) to = to.AddMinutes(Step - to.Minute % Step);
        return (placed, from, to);
    }

    /// <summary>Rooms given to community groups on this day: drawn behind the sessions so organisers see them before placing one.</summary>
    public IEnumerable<ReservedBlockRow> Blocks() =>
        (Board.Blocks ?? []).Where(x => DateOnly.FromDateTime(Board.Local(x.StartsAt)) == Day.Date);

    public IEnumerable<SessionRow> Unscheduled() => Board.Sessions
        .Where(s => !s.IsPlaced && !s.IsCancelled)
        .Where(s => TrackFilter is null || s.TrackId?.ToString() == TrackFilter || (TrackFilter == "none" && s.TrackId is null))
        .Where(s => TypeFilter is null || s.Kind == TypeFilter)
        .OrderBy(s => s.TrackName).ThenBy(s => s.Title);

    public sealed class MoveForm
    {
        public long SessionId { get; set; }
        public int Version { get; set; }
        public long? RoomId { get; set; }
        public string? Day { get; set; }
        public string? Start { get; set; }
        public bool Unschedule { get; set; }
    }

    public sealed record MoveAnswer(bool Ok, string Message, int? Version, IReadOnlyList<ConflictResponse> Conflicts);
}
