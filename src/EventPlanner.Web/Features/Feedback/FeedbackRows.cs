namespace EventPlanner.Web.Features.Feedback;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.

/// <summary>A session someone might rate, with what decides whether they may.</summary>
public sealed record RateableSession
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Title { get; init; } = "";
    public DateTimeOffset? StartsAt { get; init; }
    public bool IsCancelled { get; init; }
}

public sealed record FeedbackRow
{
    public long Id { get; init; }
    public long SessionId { get; init; }
    public int Rating { get; init; }
    public string Comment { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A rating as a report reads it: no rater.</summary>
public sealed record FeedbackReportRow
{
    public long SessionId { get; init; }
    public int Rating { get; init; }
    public string Comment { get; init; } = "";
}

public sealed record FeedbackSessionRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string? Track { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
}

public sealed record FeedbackSpeakerRow
{
    public long SessionId { get; init; }
    public long UserId { get; init; }
    public string Name { get; init; } = "";
}
