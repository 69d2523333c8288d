using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Bofs;

public static class BofStates
{
    public const string Gathering = "gathering";
    public const string Ready = "ready";
    public const string Booked = "booked";
    public const string Cancelled = "cancelled";

    public static string Of(BofRow b, int threshold) =>
        b.IsCancelled ? Cancelled : b.IsBooked ? Booked : b.Interested >= threshold ? Ready : Gathering;
}

/// <summary>Validated values of a BoF slot: local date and times, and the same as UTC instants.</summary>
public sealed record BofSlotValues(long RoomId, DateOnly Date, TimeOnly Starts, TimeOnly Ends, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// BoF rules as plain code. Placement problems are the schedule's own <see cref="ConflictRules"/> run on the
/// sessions around one slot plus the BoF as it would be placed, so a booked BoF never adds an error the
/// organisers' release would then have to override (room taken, proposer speaking elsewhere, outside the
/// room's or day's hours, longer than a schedule slot).
/// </summary>
public static class BofRules
{
    public const int DefaultThreshold = 5;
    public const int MaxTitle = 150;
    public const int MaxDescription = 4000;

    public static (string Title, string Description)? ValidateProposal(BofInput input, Validator v)
    {
        var title = v.Required("title", input.Title, MaxTitle, "Title");
        var description = v.Optional("description", input.Description, MaxDescription, "Description");
        return v.HasErrors ? null : (title!, description);
    }

    public static int? ValidateThreshold(int? threshold, Validator v)
    {
        var t = v.Range("interestThreshold", threshold, 0, 1000, "Interest threshold");
        return v.HasErrors ? null : t;
    }

    public static BofSlotValues? ValidateSlot(BofSlotInput input, EventRow e, Validator v)
    {
        if (input.RoomId is null) v.Add("roomId", "Choose a BoF room.");
        var date = v.Date("date", input.Date, "Day");
        var starts = v.Time("starts", input.Starts, "Start");
        var ends = v.Time("ends", input.Ends, "End");
        if (date is { } d && (d < e.StartsOn || d > e.EndsOn)) v.Add("date", $"{d:yyyy-MM-dd} is not a day of {e.Name}.");
        if (starts is not null && ends is not null && ends <= starts) v.Add("ends", "The slot must end after it starts.");
        if (starts is not null && ends is not null && ends.Value - starts.Value < TimeSpan.FromMinutes(5)) v.Add("ends", "A BoF slot lasts at least 5 minutes.");
        if (starts is not null && ends is not null && ends.Value - starts.Value > TimeSpan.FromHours(12)) v.Add("ends", "A BoF slot lasts at most 12 hours.");
        if (v.HasErrors) return null;
        var zone = e.Zone;
        var localStart = date!.Value.ToDateTime(starts!.Value);
        var localEnd = date.Value.ToDateTime(ends!.Value);
        if (zone.IsInvalidTime(localStart) || zone.IsInvalidTime(localEnd))
        {
            v.Add("starts", $"That time does not exist on {date:yyyy-MM-dd} in {e.TimeZone} (the clocks change).");
            return null;
        }
        return new BofSlotValues(input.RoomId!.Value, date.Value, starts.Value, ends.Value, Utc(localStart, zone), Utc(localEnd, zone));
    }

    private static DateTimeOffset Utc(DateTime local, TimeZoneInfo zone) => new(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);

    /// <summary>Whether the event is over in its own zone (its last day has ended): no more proposals.</summary>
    public static bool IsOver(EventRow e, DateTimeOffset now) => e.IsOverAt(now);

    /// <summary>
    /// What would be wrong with placing a session in this room at this time: the schedule's errors for it, worded
    /// for people. <paramref name="sessionId"/> is the BoF's existing session (left out of the board, so a move
    /// does not clash with itself) or null for a first booking.
    /// </summary>
    public static IReadOnlyList<string> Problems(ScheduleBoard board, long roomId, DateTimeOffset startsAt, DateTimeOffset endsAt,
        long? sessionId, BofPerson? speaker, string title)
    {
        var placed = new SessionRow
        {
            Id = sessionId ?? -1, EventId = board.Event.Id, Kind = SessionKinds.Other, Title = title, Source = SessionSources.Bof,
            RoomId = roomId, StartsAt = startsAt, DurationMinutes = (int)(endsAt - startsAt).TotalMinutes,
            SpeakersJson = speaker is null ? "[]" : System.Text.Json.JsonSerializer.Serialize(new[] { new SessionSpeaker(speaker.Id, speaker.Name) }, JsonOptions),
        };
        // Only sessions that overlap the slot can clash with it; the rest need not be checked again.
        var around = board.Sessions.Where(s => s.Id != placed.Id && s.IsPlaced && !s.IsCancelled && s.StartsAt < endsAt && startsAt < s.EndsAt).Append(placed).ToList();
        var foreign = board.Foreign.Where(f => f.StartsAt < endsAt && startsAt < f.EndsAt).ToList();
        // Blocks: a room a community group has been given is not free for a BoF either.
        return ConflictRules.Check(new ConflictInput(board.Zone, around, board.Rooms, board.Days, board.RoomHours, board.Slots, foreign, board.Blocks))
            .Where(c => c.IsError && c.SessionId == placed.Id)
            .Select(c => c.Message)
            .Distinct()
            .ToList();
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Slots a BoF could take now: not started, not held by another BoF, and with no problem for it.</summary>
    public static IReadOnlyList<BofSlotRow> FreeSlots(ScheduleBoard board, IEnumerable<BofSlotRow> slots, DateTimeOffset now, BofRow? bof, BofPerson? speaker) =>
        slots.Where(s => s.StartsAt > now && (s.BofId is null || s.BofId == bof?.Id) && s.Id != bof?.SlotId)
            .Where(s => Problems(board, s.RoomId, s.StartsAt, s.EndsAt, bof?.SessionId, speaker, bof?.Title ?? "BoF").Count == 0)
            .OrderBy(s => s.StartsAt).ThenBy(s => board.RoomOrder(s.RoomId))
            .ToList();
}
