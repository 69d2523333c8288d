using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.
public sealed record NotificationRow
{
    public long Id { get; init; }
    public string DedupeKey { get; init; } = "";
    public string Kind { get; init; } = "";
    public long? UserId { get; init; }
    public long? EventId { get; init; }
    public string ToAddress { get; init; } = "";
    public string ToName { get; init; } = "";
    public string Payload { get; init; } = "{}";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public string MessageId { get; init; } = "";
    public string? UnsubscribeToken { get; init; }
    public bool InInbox { get; init; }
    public string State { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? ClaimedUntil { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }

    /// <summary>Filled by delivery from notification_attachments (not a column).</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    /// <summary>A placeholder value the notification was rendered with (null once scrubbed, or never set).</summary>
    public string? Value(string name) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Payload)?.GetValueOrDefault(name);
}

public sealed record TemplateOverrideRow
{
    public long EventId { get; init; }
    public string Kind { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record StateCount
{
    public string State { get; init; } = "";
    public int Count { get; init; }
}
