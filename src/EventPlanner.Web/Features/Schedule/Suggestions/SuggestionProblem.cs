using System.Text.RegularExpressions;
using EventPlanner.Scheduling;

namespace EventPlanner.Web.Features.Schedule.Suggestions;

/// <summary>A pair of sessions attendees starred together, and how many did.</summary>
public sealed record CoStarred(long A, long B, int CoStars);

/// <summary>
/// The event's draft as the solver's input: day i is the event's i-th day, times are local minutes after midnight,
/// ids are prefixed (s session, r room, u speaker, t track, a a proposal's stated availability). Everything the
/// grid's <see cref="ConflictRules"/> calls an error is expressed as a hard constraint here, the slot rule included
/// (a room's windows are its slots, so no session runs past the end of its slot); what cannot be expressed is
/// caught by <see cref="SuggestionCheck"/> after solving.
/// </summary>
public sealed partial class SuggestionProblem
{
    public required ScheduleBoard Board { get; init; }
    public required SchedulingProblem Problem { get; init; }
    /// <summary>Sessions the solver may place or move.</summary>
    public required IReadOnlyList<SessionRow> Movable { get; init; }
    /// <summary>Movable sessions refused before solving, with the reason (a session longer than every slot, say).</summary>
    public required IReadOnlyList<UnplacedSession> Refused { get; init; }
    private IReadOnlyList<DateOnly> Dates => Board.Days.Select(d => d.Date).ToList();

    public static string SessionKey(long id) => $"s{id}";
    public static long SessionId(string key) => long.Parse(key.AsSpan(1));

    public DateTimeOffset Utc(Slot slot) =>
        new(TimeZoneInfo.ConvertTimeToUtc(Dates[slot.Day].ToDateTime(TimeOnly.MinValue).AddMinutes(slot.Start), Board.Zone), TimeSpan.Zero);

    public static SuggestionProblem Build(ScheduleBoard board, IReadOnlyList<CoStarred> pairs, string mode, bool moveReleased, IReadOnlySet<long> released)
    {
        var dates = board.Days.Select(d => d.Date).ToList();
        var live = board.Sessions.Where(s => !s.IsCancelled).ToList();
        var movable = live.Where(s => s.Source == SessionSources.Programme && !SessionKinds.IsPause(s.Kind)
            && (!s.IsPlaced || (mode == SuggestionModes.Replan && (moveReleased || !released.Contains(s.Id))))).ToList();
        var conflicted = board.Conflicts.Where(c => c.IsError).Select(c => c.SessionId).ToHashSet();

        (int Day, int Start)? Local(DateTimeOffset t)
        {
            var local = board.Local(t);
            var day = dates.IndexOf(DateOnly.FromDateTime(local));
            return day < 0 ? null : (day, local.Hour * 60 + local.Minute);
        }

        var rooms = board.Rooms.Select(r => new Room($"r{r.Id}", r.Capacity > 0 ? r.Capacity : int.MaxValue, Open: Windows(board, r.Id))).ToList();
        var days = board.Days.Select((d, i) =>
        {
            var own = board.RoomHours.Where(h => h.Date == d.Date).ToList();
            return new EventDay(i, Math.Min(Minutes(d.OpensAt), own.Count == 0 ? int.MaxValue : own.Min(h => Minutes(h.OpensAt))),
                Math.Max(Minutes(d.ClosesAt), own.Count == 0 ? 0 : own.Max(h => Minutes(h.ClosesAt))));
        }).ToList();

        var busy = new Dictionary<string, List<TimeWindow>>();
        void Busy(IEnumerable<long> speakers, (int Day, int Start) at, int minutes)
        {
            foreach (var sp in speakers)
                (busy.TryGetValue($"u{sp}", out var list) ? list : busy[$"u{sp}"] = []).Add(new TimeWindow(at.Day, at.Start, at.Start + minutes));
        }
        foreach (var f in board.Foreign)
            if (Local(f.StartsAt) is { } at) Busy(f.SpeakerIdList, at, f.DurationMinutes);

        var sessions = new List<SessionToPlace>();
        var taken = new List<TakenInterval>();
        var availability = new List<Speaker>();
        SessionToPlace ToPlace(SessionRow s, Slot? pinned)
        {
            var speakers = s.Speakers.Select(sp => $"u{sp.Id}").ToList();
            if (s.AvailabilityList.Count > 0)
            {
                speakers.Add($"a{s.Id}");
                availability.Add(new Speaker($"a{s.Id}", s.AvailabilityList.Where(r => dates.Contains(r.Date))
                    .Select(r => new TimeWindow(dates.IndexOf(r.Date), Minutes(r.From), Minutes(r.To) == 0 ? 1440 : Minutes(r.To))).ToList()));
            }
            return new SessionToPlace(SessionKey(s.Id), s.DurationMinutes, s.Kind, s.TrackId is { } t ? $"t{t}" : null, speakers,
                s.Audience, s.Stars, pinned, Keynote: s.Kind == SessionKinds.Keynote);
        }

        var refused = new List<UnplacedSession>();
        var longest = rooms.SelectMany(r => r.Open!).Select(w => w.End - w.Start).DefaultIfEmpty(0).Max();
        // A placed session longer than every window stays where the organiser put it: re-planning cannot place it again.
        movable.RemoveAll(s => s.IsPlaced && s.DurationMinutes > longest);
        foreach (var s in movable)
        {
            if (s.DurationMinutes > longest)
                refused.Add(new UnplacedSession(s.Id, s.Title, board.Slots.Count > 0
                    ? $"It lasts {s.DurationMinutes} min, but the longest slot it could go in is {longest} min: lengthen or add a slot (Slots page), or shorten the session."
                    : $"It lasts {s.DurationMinutes} min, longer than any room is open on any day."));
        }
        var refusedIds = refused.Select(r => r.SessionId).ToHashSet();
        var movableIds = movable.Select(s => s.Id).ToHashSet();

        // Fixed sessions: pinned where they are when the grid finds nothing wrong with them, otherwise only their room
        // time and their speakers' time are blocked, so an existing conflict does not make the whole input infeasible.
        var fixedRows = live.Where(s => s.IsPlaced && !movableIds.Contains(s.Id)).ToList();
        var pinnedCandidates = new List<(SessionRow Row, Slot Slot)>();
        foreach (var s in fixedRows)
        {
            if (Local(s.StartsAt!.Value) is not { } at) continue; // not on an event day: it cannot meet anything placed here
            var slot = new Slot($"r{s.RoomId}", at.Day, at.Start);
            if (!conflicted.Contains(s.Id) && at.Start + s.DurationMinutes <= 1440) pinnedCandidates.Add((s, slot));
            else Block(s, slot, at);
        }
        void Block(SessionRow s, Slot slot, (int Day, int Start) at)
        {
            taken.Add(new TakenInterval(slot.RoomId, new TimeWindow(at.Day, at.Start, at.Start + s.DurationMinutes), $"\"{s.Title}\""));
            Busy(s.Speakers.Select(sp => sp.Id), at, s.DurationMinutes);
        }


        var draft = new Dictionary<string, Slot>();
        foreach (var s in movable.Where(s => !refusedIds.Contains(s.Id)))
        {
            sessions.Add(ToPlace(s, null));
            if (s.IsPlaced && Local(s.StartsAt!.Value) is { } at) draft[SessionKey(s.Id)] = new Slot($"r{s.RoomId}", at.Day, at.Start);
        }

        var problem = new SchedulingProblem { Days = days, Rooms = rooms, Sessions = sessions, Draft = draft };
        var speakersSoFar = () => availability.Concat(busy.Select(b => new Speaker(b.Key, Busy: b.Value))).ToList();
        foreach (var (row, slot) in pinnedCandidates)
        {
            var pinned = ToPlace(row, slot);
            var probe = problem with { Speakers = speakersSoFar(), Taken = taken };
            if (ScheduleChecker.CheckOne(probe, pinned, slot).Count == 0) sessions.Add(pinned);
            else Block(row, slot, (slot.Day, slot.Start));
        }

        var present = sessions.Select(s => s.Id).ToHashSet();
        return new SuggestionProblem
        {
            Board = board,
            Movable = movable.Where(s => !refusedIds.Contains(s.Id)).ToList(),
            Refused = refused,
            Problem = problem with
            {
                GridMinutes = GridOf(days, rooms),
                Speakers = speakersSoFar(),
                Taken = taken,
                PopularPairs = pairs.Where(p => present.Contains(SessionKey(p.A)) && present.Contains(SessionKey(p.B)))
                    .Select(p => new PopularPair(SessionKey(p.A), SessionKey(p.B), p.CoStars)).ToList(),
            },
        };
    }

    private static int Minutes(TimeOnly t) => t.Hour * 60 + t.Minute;

    // Starts on the quarter hour when every window allows it; a 5-minute grid otherwise.
    private static int GridOf(IEnumerable<EventDay> days, IEnumerable<Room> rooms) =>
        days.All(d => d.Opens % 15 == 0) && rooms.SelectMany(r => r.Open!).All(w => w.Start % 15 == 0) ? 15 : 5;

    /// <summary>
    /// A room's windows per day: its own hours (or the day's), cut into the grid's slots where the day has any. The
    /// room's own slots come first; a general slot counts only where none of the room's own slots starts, which is how
    /// the grid picks the slot a session belongs to.
    /// </summary>
    private static List<TimeWindow> Windows(ScheduleBoard board, long roomId)
    {
        var windows = new List<TimeWindow>();
        for (var i = 0; i < board.Days.Count; i++)
        {
            var day = board.Days[i];
            var hours = board.RoomHours.FirstOrDefault(h => h.RoomId == roomId && h.Date == day.Date);
            var (opens, closes) = hours is null ? (Minutes(day.OpensAt), Minutes(day.ClosesAt)) : (Minutes(hours.OpensAt), Minutes(hours.ClosesAt));
            var slots = board.Slots.Where(s => s.Date == day.Date).ToList();
            if (slots.Count == 0)
            {
                windows.Add(new TimeWindow(i, opens, closes));
                continue;
            }
            var own = slots.Where(s => s.RoomId == roomId).Select(s => (Start: Minutes(s.Starts), End: Minutes(s.Ends))).ToList();
            var pieces = new List<(int Start, int End)>(own);
            foreach (var g in slots.Where(s => s.RoomId is null))
            {
                var rest = new List<(int Start, int End)> { (Minutes(g.Starts), Minutes(g.Ends)) };
                foreach (var o in own)
                    rest = rest.SelectMany(r => o.End <= r.Start || r.End <= o.Start ? [r]
                        : new[] { (r.Start, o.Start), (o.End, r.End) }.Where(x => x.Item1 < x.Item2)).ToList();
                pieces.AddRange(rest);
            }
            foreach (var (start, end) in pieces)
            {
                var (a, b) = (Math.Max(start, opens), Math.Min(end, closes));
                if (a < b) windows.Add(new TimeWindow(i, a, b));
            }
        }
        return windows;
    }

    /// <summary>The solver's sentences with its ids replaced by the names organisers know.</summary>
    public string Say(string text) => Ids().Replace(text, m =>
    {
        var id = long.Parse(m.Groups[2].Value);
        return m.Groups[1].Value switch
        {
            "s" => Board.Find(id) is { } s ? $"\"{s.Title}\"" : m.Value,
            "r" => Board.Rooms.FirstOrDefault(r => r.Id == id)?.Name ?? m.Value,
            "t" => Board.Tracks.FirstOrDefault(t => t.Id == id)?.Name ?? m.Value,
            "u" => Board.Sessions.SelectMany(s => s.Speakers).FirstOrDefault(sp => sp.Id == id)?.Name ?? m.Value,
            "a" => "the times given on the proposal",
            _ => m.Value,
        };
    });

    [GeneratedRegex(@"\b([srtua])(\d+)\b")]
    private static partial Regex Ids();
}
