namespace EventPlanner.Web.Features.Social;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.

/// <summary>A social event with its current counts (people include guests).</summary>
public sealed record SocialEventRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Place { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int Capacity { get; init; }
    public int MaxGuests { get; init; }
    public bool IsOpen { get; init; }
    public bool IsPublic { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Seated { get; init; }

    public int Free => Math.Max(0, Capacity - Seated);
}

/// <summary>One invitee of one social event. Dietary and accessibility needs are for organisers (and the invitee) only.</summary>
public sealed record SocialInvitationRow
{
    public long Id { get; init; }
    public long SocialEventId { get; init; }
    public long EventId { get; init; }
    public string Token { get; init; } = "";
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public long? UserId { get; init; }
    public string State { get; init; } = SocialStates.Invited;
    public int Guests { get; init; }
    public string Dietary { get; init; } = "";
    public string Accessibility { get; init; } = "";
    public long? WaitSeq { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Seats this reply holds or asks for: the invitee and their guests.</summary>
    public int People => 1 + Guests;
}

public static class SocialStates
{
    public const string Invited = "invited";
    public const string Attending = "attending";
    public const string Waiting = "waiting";
    public const string Declined = "declined";

    public static string Label(string state) => state switch
    {
        Invited => "No reply yet",
        Attending => "Coming",
        Waiting => "On the waiting list",
        Declined => "Not coming",
        _ => state,
    };
}

/// <summary>A social event in someone's agenda: theirs by invitation, with their answer and their own link.</summary>
public sealed record SocialAgendaRow
{
    public long SocialEventId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Place { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string Slug { get; init; } = "";
    public bool EventIsPublic { get; init; }
    public string EventName { get; init; } = "";
    public string TimeZone { get; init; } = "UTC";
    public string State { get; init; } = "";
    public int Guests { get; init; }
    public string Token { get; init; } = "";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Who a cancellation tells (coming, waiting) and whose answers simply go (no reply, not coming).</summary>
public sealed record SocialCancellationCounts
{
    public string Title { get; init; } = "";
    public int Coming { get; init; }
    public int Waiting { get; init; }
    public int Others { get; init; }
}
