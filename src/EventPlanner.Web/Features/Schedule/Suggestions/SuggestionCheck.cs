using System.Security.Cryptography;
using System.Text;
using EventPlanner.Scheduling;

namespace EventPlanner.Web.Features.Schedule.Suggestions;

/// <summary>
/// Turns the solver's answer into the proposal organisers review, after the grid's own <see cref="ConflictRules"/> have
/// checked it: a placement the grid calls an error is taken back (the session stays where it was), so a proposal never
/// adds a hard conflict even where the solver's model and the grid's rules might disagree.
/// </summary>
public static class SuggestionCheck
{
    public static SuggestionResult Result(SuggestionProblem sp, SolveResult solved)
    {
        var board = sp.Board;
        var movable = sp.Movable.ToDictionary(s => s.Id);
        var solverSlots = solved.Placements.ToDictionary(p => SuggestionProblem.SessionId(p.SessionId), p => p.Slot);
        var target = movable.Values.ToDictionary(s => s.Id, s => solverSlots.TryGetValue(s.Id, out var slot)
            ? ((long?)long.Parse(slot.RoomId.AsSpan(1)), (DateTimeOffset?)sp.Utc(slot)) : (null, null));

        var refusedByGrid = new Dictionary<long, string>();
        while (GridErrors(board, target).GroupBy(c => c.SessionId).ToList() is { Count: > 0 } errors)
        {
            foreach (var e in errors)
            {
                var s = movable[e.Key];
                target[e.Key] = (s.RoomId, s.StartsAt);
                refusedByGrid[e.Key] = $"The grid's conflict check refused the place found for it: {e.First().Message}";
            }
        }

        var reasons = solved.Unplaced.GroupBy(u => SuggestionProblem.SessionId(u.SessionId)).ToDictionary(g => g.Key, g => sp.Say(g.First().Reason));
        var changes = new List<ProposedChange>();
        var unplaced = new List<UnplacedSession>(sp.Refused);
        foreach (var s in sp.Movable)
        {
            var (roomId, startsAt) = target[s.Id];
            if (roomId is null)
            {
                if (s.IsPlaced) changes.Add(Change(board, s, ProposalChangeKinds.Removed, null, null));
                unplaced.Add(new UnplacedSession(s.Id, s.Title, refusedByGrid.GetValueOrDefault(s.Id) ?? reasons.GetValueOrDefault(s.Id)
                    ?? "No free room at a time its speakers can make."));
                continue;
            }
            var kind = !s.IsPlaced ? ProposalChangeKinds.Placed
                : s.RoomId == roomId && s.StartsAt == startsAt ? ProposalChangeKinds.Unchanged : ProposalChangeKinds.Moved;
            changes.Add(Change(board, s, kind, roomId, startsAt));
        }

        // The library's own checker and score card, over what the proposal finally holds (pinned sessions included).
        var kept = solved.Placements.Where(p => !refusedByGrid.ContainsKey(SuggestionProblem.SessionId(p.SessionId))).ToList();
        var score = ScoreCard.Of(sp.Problem, kept);
        return new SuggestionResult(changes, unplaced, solved.Findings.Select(f => sp.Say(f.Message)).ToList(), new SuggestionScore(
            GridErrors(board, target).Count, score.HardViolations, refusedByGrid.Count,
            changes.Count(c => c.Change == ProposalChangeKinds.Placed), changes.Count(c => c.Change == ProposalChangeKinds.Moved),
            changes.Count(c => c.Change == ProposalChangeKinds.Unchanged), unplaced.Count,
            score.PopularPairClashes, score.ClashCoStars, score.TrackRoomChanges, score.KeynotesNotAlone, solved.GreedyScore.ClashCoStars,
            score.PreferredTimeMisses, score.TrackGapMinutes, score.MovesFromDraft));
    }

    /// <summary>The grid's errors on sessions the proposal places or moves, over the board as the proposal would leave it.</summary>
    public static List<Conflict> GridErrors(ScheduleBoard board, IReadOnlyDictionary<long, (long? RoomId, DateTimeOffset? StartsAt)> target)
    {
        var changed = new HashSet<long>();
        var sessions = board.Sessions.Select(s =>
        {
            if (!target.TryGetValue(s.Id, out var t) || (t.RoomId == s.RoomId && t.StartsAt == s.StartsAt)) return s;
            if (t.RoomId is not null) changed.Add(s.Id);
            return s with { RoomId = t.RoomId, StartsAt = t.StartsAt };
        }).ToList();
        if (changed.Count == 0) return [];
        var conflicts = ConflictRules.Check(new ConflictInput(board.Zone, sessions, board.Rooms, board.Days, board.RoomHours, board.Slots, board.Foreign, board.Blocks));
        return conflicts.Where(c => c.IsError && changed.Contains(c.SessionId)).ToList();
    }

    private static ProposedChange Change(ScheduleBoard board, SessionRow s, string kind, long? roomId, DateTimeOffset? startsAt) =>
        new(s.Id, s.Title, kind, roomId, roomId is null ? null : board.RoomName(roomId), startsAt,
            s.RoomId, s.RoomId is null ? null : board.RoomName(s.RoomId), s.StartsAt);

    /// <summary>
    /// A fingerprint of the draft a proposal was computed from: every session's version (each write bumps it, deletes
    /// and new sessions change the list) and the community groups' reserved blocks. Applying compares it in the writing
    /// transaction and refuses a proposal made for another draft.
    /// </summary>
    public static string DraftStamp(ScheduleBoard board)
    {
        var text = new StringBuilder();
        foreach (var s in board.Sessions.OrderBy(s => s.Id)) text.Append($"s{s.Id}:{s.Version};");
        foreach (var b in (board.Blocks ?? []).OrderBy(b => b.Id)) text.Append($"b{b.Id}:{b.RoomId}:{b.StartsAt:O}:{b.EndsAt:O}:{b.SessionIds};");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
