namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// A room reserved for a community group (an approved block of Features/Community): no other session may run in
/// that room during it, except the group's own sessions placed inside it (<see cref="SessionIdList"/>).
/// Loaded with the <see cref="ScheduleBoard"/> so the grid and releases see reservations like sessions.
/// </summary>
public sealed record ReservedBlockRow
{
    public long Id { get; init; }
    public long RoomId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string GroupName { get; init; } = "";
    public string SessionIds { get; init; } = "[]";

    public IReadOnlyList<long> SessionIdList => ScheduleJson.List<long>(SessionIds);
}
