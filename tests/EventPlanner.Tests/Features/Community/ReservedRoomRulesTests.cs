using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Tests.Features.Community;

/// <summary>The schedule's conflict rules and the community room rules on their own: an approved block occupies its room.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReservedRoomRulesTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly DateOnly Day = new(2027, 2, 6);
    private static readonly RoomRow Big = new() { Id = 1, Name = "Janson", Capacity = 1000 };
    private static readonly RoomRow Small = new() { Id = 2, Name = "K.1.105", Capacity = 50 };
    private static readonly EventDayRow Saturday = new() { Date = Day, OpensAt = new TimeOnly(9, 0), ClosesAt = new TimeOnly(18, 0) };

    private static DateTimeOffset Utc(string localHm) =>
        new(TimeZoneInfo.ConvertTimeToUtc(Day.ToDateTime(TimeOnly.Parse(localHm)), Brussels), TimeSpan.Zero);

    private static SessionRow Session(long id, long room, string at, int minutes = 30, string source = SessionSources.Programme) =>
        new() { Id = id, Title = $"Session {id}", RoomId = room, StartsAt = Utc(at), DurationMinutes = minutes, Source = source };

    private static ReservedBlockRow Block(long room, string from, string to, params long[] own) => new()
    {
        Id = 9, RoomId = room, StartsAt = Utc(from), EndsAt = Utc(to), GroupName = "Fedora Malaysia", SessionIds = System.Text.Json.JsonSerializer.Serialize(own),
    };

    private static IReadOnlyList<Conflict> Check(IReadOnlyList<SessionRow> sessions, IReadOnlyList<ReservedBlockRow> blocks, IReadOnlyList<SlotRow>? slots = null) =>
        ConflictRules.Check(new ConflictInput(Brussels, sessions, [Big, Small], [Saturday], [], slots ?? [], [], blocks));

    [Fact]
    public void A_programme_session_placed_in_a_reserved_room_is_an_error_naming_the_group()
    {
        var conflicts = Check([Session(1, 2, "15:30"), Session(2, 1, "15:30"), Session(3, 2, "16:00")], [Block(2, "14:00", "16:00")]);

        var c = Assert.Single(conflicts);
        Assert.Equal((ConflictKinds.RoomReserved, Severities.Error, 1L), (c.Kind, c.Severity, c.SessionId));
        Assert.Equal("K.1.105 is reserved for Fedora Malaysia 14:00–16:00 (community room).", c.Message);
    }

    [Fact]
    public void The_groups_own_sessions_inside_its_block_are_not_flagged_and_the_grids_slots_do_not_cut_them()
    {
        var slots = new[] { new SlotRow { Date = Day, Starts = new TimeOnly(14, 0), Ends = new TimeOnly(14, 30) } };
        var conflicts = Check([Session(1, 2, "14:00", 45, SessionSources.Community), Session(2, 2, "15:00", 60, SessionSources.Community)],
            [Block(2, "14:00", "16:00", 1, 2)], slots);

        Assert.Empty(conflicts);
    }

    [Fact]
    public void Room_rules_refuse_an_overlap_and_offer_free_rooms_and_the_next_free_time_but_let_a_block_touch_another()
    {
        var facts = new RoomFacts(Brussels, [Big, Small], [Saturday], [],
            [new Busy(2, Utc("10:00"), Utc("11:00"), "\"Kernel\"", null), new Busy(2, Utc("11:00"), Utc("12:30"), "the Ubuntu community block", 5)]);

        var refused = RoomRules.Check(facts, 2, Utc("10:30"), Utc("11:30"), 20, null);
        var touching = RoomRules.Check(facts, 2, Utc("12:30"), Utc("13:00"), 20, null);
        var itself = RoomRules.Check(facts, 2, Utc("11:00"), Utc("12:30"), 20, 5);
        var tooBig = RoomRules.Check(facts, 2, Utc("15:00"), Utc("16:00"), 51, null);
        var closed = RoomRules.Check(facts, 1, Utc("17:30"), Utc("18:30"), 20, null);

        Assert.Equal(409, refused!.Status);
        Assert.Equal(["K.1.105 is taken 10:00–11:00 by \"Kernel\".", "K.1.105 is taken 11:00–12:30 by the Ubuntu community block."], refused.Clashes);
        Assert.Equal(["Janson"], refused.FreeRooms.Select(r => r.Name));
        Assert.Equal(("12:30", "13:30"), (refused.NextFree!.Start, refused.NextFree.End));
        Assert.Null(touching);
        Assert.Null(itself);
        Assert.Equal(422, tooBig!.Status);
        Assert.Equal(422, closed!.Status);
        Assert.Contains("open 09:00–18:00", closed.Detail);
    }
}
