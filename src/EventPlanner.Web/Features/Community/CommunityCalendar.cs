using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// One day as the organisers weigh room requests: per room, the programme's placed sessions beside the community
/// blocks (approved, with their sessions) and the open requests and proposals that would land on that day.
/// </summary>
public sealed record CommunityCalendar(EventRow Event, DateOnly Date, ScheduleBoard Board, IReadOnlyList<BlockRow> Blocks, IReadOnlyList<BlockSessionRow> Sessions)
{
    public static async Task<CommunityCalendar> LoadAsync(EventRow e, DateOnly date, ScheduleQueries schedule, CommunityQueries queries, CancellationToken ct = default)
    {
        var board = await schedule.LoadAsync(e, ct);
        var blocks = (await queries.BlocksAsync(e.Id, ct: ct)).Where(b => b.Status is BlockStatuses.Requested or BlockStatuses.Proposed or BlockStatuses.Approved)
            .Where(b => LocalDate(e, b.StartsAt) == date || (b.ProposedStartsAt is { } p && LocalDate(e, p) == date)).ToList();
        var sessions = (await queries.EventSessionsAsync(e.Id, ct)).Where(s => blocks.Any(b => b.Id == s.BlockId)).ToList();
        return new CommunityCalendar(e, date, board, blocks, sessions);
    }

    private static DateOnly LocalDate(EventRow e, DateTimeOffset t) => e.LocalDate(t);

    /// <summary>The programme (every source but community: those show inside their blocks) placed on this day.</summary>
    public IEnumerable<SessionRow> Programme => Board.Sessions
        .Where(s => s.IsPlaced && !s.IsCancelled && s.Source != SessionSources.Community && Board.LocalDate(s) == Date)
        .OrderBy(s => s.StartsAt);

    public IEnumerable<BlockSessionRow> SessionsOf(long blockId) => Sessions.Where(s => s.BlockId == blockId);

    public EventDayRow? Day => Board.Days.FirstOrDefault(d => d.Date == Date);

    public CalendarResponse AsResponse() => new(
        Date.ToString("yyyy-MM-dd"),
        Board.Rooms.Select(r => r.AsResponse()).ToList(),
        Programme.Select(s => new CalendarItem(s.Id, s.RoomId!.Value, s.Title, CommunityText.Hm(Event.Zone, s.StartsAt!.Value),
            CommunityText.Hm(Event.Zone, s.EndsAt!.Value), s.Source, s.TrackName)).ToList(),
        Blocks.Select(b => new BlockDetailResponse(b.AsResponse(Event, Board.Rooms), SessionsOf(b.Id).Select(s => s.AsResponse(Event)).ToList())).ToList());
}
