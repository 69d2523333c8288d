using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>The conflict rules on their own, without a host: each kind provoked, and its absence when things fit.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ConflictRulesTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly DateOnly Day = new(2027, 2, 6);
    private static readonly RoomRow Big = new() { Id = 1, Name = "Janson", Capacity = 1000 };
    private static readonly RoomRow Small = new() { Id = 2, Name = "K.1.105", Capacity = 50 };

    private static SessionRow Session(long id, long? room, string? at, int minutes = 30, long[]? speakers = null, long? track = null,
        int audience = 0, string availability = "[]", bool cancelled = false) => new()
    {
        Id = id, Title = $"Session {id}", RoomId = room, DurationMinutes = minutes, TrackId = track, TrackName = track is null ? null : "Kernel",
        StartsAt = at is null ? null : Utc(at), ExpectedAudience = audience, Availability = availability, IsCancelled = cancelled,
        SpeakersJson = System.Text.Json.JsonSerializer.Serialize((speakers ?? []).Select(s => new { id = s, name = $"Speaker {s}" })),
    };

    private static DateTimeOffset Utc(string localHm) =>
        new(TimeZoneInfo.ConvertTimeToUtc(Day.ToDateTime(TimeOnly.Parse(localHm)), Brussels), TimeSpan.Zero);

    private static IReadOnlyList<Conflict> Check(IReadOnlyList<SessionRow> sessions, IReadOnlyList<SlotRow>? slots = null,
        IReadOnlyList<RoomHoursRow>? hours = null, IReadOnlyList<ForeignSessionRow>? foreign = null) =>
        ConflictRules.Check(new ConflictInput(Brussels, sessions, [Big, Small],
            [new EventDayRow { Date = Day, OpensAt = new TimeOnly(9, 0), ClosesAt = new TimeOnly(18, 0) }],
            hours ?? [], slots ?? [], foreign ?? []));

    [Fact]
    public void Two_sessions_in_one_room_at_once_are_a_room_double_booking_on_both()
    {
        var conflicts = Check([Session(1, 1, "10:00"), Session(2, 1, "10:15"), Session(3, 1, "10:30")]);

        var room = conflicts.Where(c => c.Kind == ConflictKinds.RoomDoubleBooked).ToList();
        Assert.Equal(4, room.Count); // 1-2 and 2-3, each on both sessions; 1 and 3 only touch
        Assert.Contains(room, c => c.SessionId == 1 && c.OtherSessionId == 2 && c.Severity == Severities.Error);
        Assert.DoesNotContain(room, c => c.SessionId == 1 && c.OtherSessionId == 3);
    }

    [Fact]
    public void A_cancelled_or_unplaced_session_clashes_with_nothing()
    {
        var conflicts = Check([Session(1, 1, "10:00"), Session(2, 1, "10:00", cancelled: true), Session(3, null, null)]);
        Assert.Empty(conflicts);
    }

    [Fact]
    public void A_speaker_in_two_rooms_at_once_is_an_error()
    {
        var conflicts = Check([Session(1, 1, "10:00", speakers: [7]), Session(2, 2, "10:20", speakers: [7, 8])]);

        var c = Assert.Single(conflicts, c => c.Kind == ConflictKinds.SpeakerDoubleBooked && c.SessionId == 1);
        Assert.Equal(Severities.Error, c.Severity);
        Assert.Contains("Speaker 7", c.Message);
    }

    [Fact]
    public void A_speaker_also_on_stage_at_a_co_located_event_is_caught()
    {
        var foreign = new ForeignSessionRow { Id = 99, EventName = "Devroom day", Title = "Elsewhere", StartsAt = Utc("11:00"), DurationMinutes = 60, SpeakerIds = "[7]" };
        var conflicts = Check([Session(1, 1, "11:30", speakers: [7]), Session(2, 2, "11:30", speakers: [8])], foreign: [foreign]);

        var c = Assert.Single(conflicts, c => c.Kind == ConflictKinds.SpeakerDoubleBooked);
        Assert.Equal(1, c.SessionId);
        Assert.Contains("Devroom day", c.Message);
    }

    [Fact]
    public void A_session_outside_its_speakers_availability_is_an_error()
    {
        const string mornings = """[{"date":"2027-02-06","from":"09:00:00","to":"12:00:00"}]""";
        var conflicts = Check([Session(1, 1, "11:45", availability: mornings), Session(2, 2, "11:00", availability: mornings)]);

        var c = Assert.Single(conflicts);
        Assert.Equal((ConflictKinds.OutsideAvailability, 1L), (c.Kind, c.SessionId));
        Assert.Contains("09:00–12:00", c.Message);
    }

    [Fact]
    public void A_session_before_the_day_opens_or_after_the_room_closes_is_outside_opening_hours()
    {
        var hours = new RoomHoursRow { RoomId = 2, Date = Day, OpensAt = new TimeOnly(13, 0), ClosesAt = new TimeOnly(17, 0) };
        var conflicts = Check([Session(1, 1, "08:30"), Session(2, 2, "12:00"), Session(3, 2, "14:00"), Session(4, 1, "17:45")], hours: [hours]);

        Assert.Equal([1L, 2L, 4L], conflicts.Where(c => c.Kind == ConflictKinds.OutsideOpeningHours).Select(c => c.SessionId).Order());
        Assert.Contains("K.1.105 is open 13:00–17:00", conflicts.Single(c => c.SessionId == 2).Message);
    }

    [Fact]
    public void A_session_on_a_day_the_event_does_not_have_is_outside_opening_hours()
    {
        var s = Session(1, 1, "10:00") with { StartsAt = Utc("10:00").AddDays(3) };
        Assert.Equal(ConflictKinds.OutsideOpeningHours, Assert.Single(Check([s])).Kind);
    }

    [Fact]
    public void An_audience_larger_than_the_room_is_a_warning_raised_by_stars()
    {
        var conflicts = Check([Session(1, 2, "10:00", audience: 40) with { Stars = 75 }, Session(2, 1, "10:00", audience: 900)]);

        var c = Assert.Single(conflicts);
        Assert.Equal((ConflictKinds.OverCapacity, Severities.Warning, 1L), (c.Kind, c.Severity, c.SessionId));
        Assert.Contains("75 people", c.Message);
    }

    [Fact]
    public void A_session_longer_than_its_slot_is_an_error_and_a_shorter_one_a_warning()
    {
        SlotRow[] slots = [new() { Id = 1, Date = Day, Starts = new TimeOnly(10, 0), Ends = new TimeOnly(10, 40) },
                           new() { Id = 2, Date = Day, RoomId = 2, Starts = new TimeOnly(10, 0), Ends = new TimeOnly(11, 0) }];
        var conflicts = Check([Session(1, 1, "10:00", minutes: 50), Session(2, 2, "10:00", minutes: 30), Session(3, 1, "11:00", minutes: 50)], slots);

        Assert.Equal(ConflictKinds.LongerThanSlot, conflicts.Single(c => c.SessionId == 1).Kind);
        Assert.Equal(Severities.Error, conflicts.Single(c => c.SessionId == 1).Severity);
        var shorter = conflicts.Single(c => c.SessionId == 2); // the room's own slot wins over the all-rooms one
        Assert.Equal((ConflictKinds.ShorterThanSlot, Severities.Warning), (shorter.Kind, shorter.Severity));
        Assert.Contains("30 minutes", shorter.Message);
        Assert.DoesNotContain(conflicts, c => c.SessionId == 3); // in no slot: nothing to compare
    }

    [Fact]
    public void Sessions_of_one_track_in_parallel_are_a_warning()
    {
        var conflicts = Check([Session(1, 1, "10:00", track: 5), Session(2, 2, "10:10", track: 5), Session(3, 2, "11:00", track: 5)]);

        Assert.Equal(2, conflicts.Count);
        Assert.All(conflicts, c => Assert.Equal((ConflictKinds.TrackInParallel, Severities.Warning), (c.Kind, c.Severity)));
    }

    [Fact]
    public void A_well_placed_day_has_no_conflicts()
    {
        Assert.Empty(Check([Session(1, 1, "09:00", speakers: [1], track: 1), Session(2, 1, "09:30", speakers: [1], track: 1),
            Session(3, 2, "09:00", speakers: [2], track: 2, audience: 50)]));
    }
}
