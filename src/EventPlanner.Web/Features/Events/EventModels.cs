namespace EventPlanner.Web.Features.Events;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.
public sealed record EventRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public string Venue { get; init; } = "";
    public string TimeZone { get; init; } = "UTC";
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public bool IsPublic { get; init; }
    public long? ParentEventId { get; init; }
    public string? ParentSlug { get; init; }
    public string? ParentName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The date it is at this instant where the event takes place.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => EventCalendar.LocalDate(instant, Zone);

    public bool IsOverAt(DateTimeOffset now) => EventCalendar.IsOver(EndsOn, Zone, now);
}

public sealed record EventDayRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public DateOnly Date { get; init; }
    public TimeOnly OpensAt { get; init; }
    public TimeOnly ClosesAt { get; init; }
}

public sealed record RoomRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public int Capacity { get; init; }
    public string AccessibilityNotes { get; init; } = "";
    public int SortOrder { get; init; }
}

public sealed record TrackRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public string Colour { get; init; } = "";
}

public sealed record TeamMemberRow
{
    public long UserId { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTimeOffset GrantedAt { get; init; }
}

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
public sealed record EventInput(
    string? Slug, string? Name, string? Description, string? Venue, string? TimeZone,
    string? StartsOn, string? EndsOn, bool? IsPublic, string? ParentSlug);

public sealed record RoomInput(string? Name, int? Capacity, string? AccessibilityNotes, int? SortOrder);
public sealed record TrackInput(string? Name, string? Colour);
public sealed record DayInput(string? OpensAt, string? ClosesAt);
public sealed record TeamMemberInput(string? Email, string? Role);

// Validated values.
public sealed record EventValues(
    string Slug, string Name, string Description, string Venue, string TimeZone,
    DateOnly StartsOn, DateOnly EndsOn, bool IsPublic, string? ParentSlug);

// Responses.
public sealed record EventSummary(string Slug, string Name, DateOnly StartsOn, DateOnly EndsOn, string TimeZone, string Venue, string? ParentSlug);
public sealed record EventDetail(
    string Slug, string Name, string Description, string Venue, string TimeZone, DateOnly StartsOn, DateOnly EndsOn,
    bool IsPublic, string? ParentSlug, IReadOnlyList<DayResponse> Days, IReadOnlyList<RoomResponse> Rooms, IReadOnlyList<TrackResponse> Tracks);
public sealed record DayResponse(DateOnly Date, TimeOnly OpensAt, TimeOnly ClosesAt);
public sealed record RoomResponse(long Id, string Name, int Capacity, string AccessibilityNotes, int SortOrder);
public sealed record TrackResponse(long Id, string Name, string Colour);
public sealed record TeamMemberResponse(long UserId, string Email, string DisplayName, string Role);

public static class EventMapping
{
    public static EventSummary AsSummary(this EventRow e) => new(e.Slug, e.Name, e.StartsOn, e.EndsOn, e.TimeZone, e.Venue, e.ParentSlug);
    public static DayResponse AsResponse(this EventDayRow d) => new(d.Date, d.OpensAt, d.ClosesAt);
    public static RoomResponse AsResponse(this RoomRow r) => new(r.Id, r.Name, r.Capacity, r.AccessibilityNotes, r.SortOrder);
    public static TrackResponse AsResponse(this TrackRow t) => new(t.Id, t.Name, t.Colour);
    public static TeamMemberResponse AsResponse(this TeamMemberRow m) => new(m.UserId, m.Email, m.DisplayName, m.Role);

    public static EventDetail AsDetail(this EventRow e, IEnumerable<EventDayRow> days, IEnumerable<RoomRow> rooms, IEnumerable<TrackRow> tracks) =>
        new(e.Slug, e.Name, e.Description, e.Venue, e.TimeZone, e.StartsOn, e.EndsOn, e.IsPublic, e.ParentSlug,
            days.Select(AsResponse).ToList(), rooms.Select(AsResponse).ToList(), tracks.Select(AsResponse).ToList());

    public static EventInput AsInput(this EventRow e) =>
        new(e.Slug, e.Name, e.Description, e.Venue, e.TimeZone, e.StartsOn.ToString("yyyy-MM-dd"), e.EndsOn.ToString("yyyy-MM-dd"), e.IsPublic, e.ParentSlug);
}
