namespace EventPlanner.Web.Features.Bofs;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.

/// <summary>A BoF with its proposer, how many others are interested, and its slot when booked.</summary>
public sealed record BofRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long ProposerUserId { get; init; }
    public string ProposerName { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public bool IsCancelled { get; init; }
    public long? SlotId { get; init; }
    public long? SessionId { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Interested { get; init; }
    public long? RoomId { get; init; }
    public string? RoomName { get; init; }
    public DateOnly? Date { get; init; }
    public TimeOnly? Starts { get; init; }
    public TimeOnly? Ends { get; init; }
    public DateTimeOffset? StartsAt { get; init; }

    public bool IsBooked => SlotId is not null;
}

/// <summary>A bookable BoF time in a BoF room, with the BoF holding it if any.</summary>
public sealed record BofSlotRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long RoomId { get; init; }
    public string RoomName { get; init; } = "";
    public DateOnly Date { get; init; }
    public TimeOnly Starts { get; init; }
    public TimeOnly Ends { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public long? BofId { get; init; }
    public string? BofTitle { get; init; }

    public int Minutes => (int)(EndsAt - StartsAt).TotalMinutes;
}

public sealed record BofRoomRow
{
    public long RoomId { get; init; }
    public string Name { get; init; } = "";
    public int Capacity { get; init; }
}

/// <summary>An event's BoF set-up: the interest threshold and the rooms BoFs may use.</summary>
public sealed record BofSetup(int Threshold, IReadOnlyList<BofRoomRow> Rooms);

/// <summary>Someone a BoF notice goes to.</summary>
public sealed record BofPerson
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
}
