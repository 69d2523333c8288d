namespace EventPlanner.Web.Features.Webhooks;

public sealed record WebhookEndpointRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Url { get; init; } = "";
    public string Secret { get; init; } = "";
    public string EventTypes { get; init; } = "";
    public string Description { get; init; } = "";
    public bool Active { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record WebhookDeliveryRow
{
    public long Id { get; init; }
    public long EndpointId { get; init; }
    public long EventId { get; init; }
    public string EventType { get; init; } = "";
    public string DeliveryId { get; init; } = "";
    public string Payload { get; init; } = "";
    public string State { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }

    // Joined in by the drain's claim, so a batch needs no second read.
    public string Url { get; init; } = "";
    public string Secret { get; init; } = "";
}

public sealed record WebhookAttemptRow
{
    public long Id { get; init; }
    public long DeliveryId { get; init; }
    public int Attempt { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public int DurationMs { get; init; }
    public int? Status { get; init; }
    public string? Error { get; init; }
    public string? ResponseExcerpt { get; init; }
}

public static class WebhookDeliveryStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>What the form and the API send. <c>Active</c> and <c>RotateSecret</c> are read on edits only.</summary>
public sealed class WebhookInput
{
    public string? Url { get; set; }
    public List<string?>? EventTypes { get; set; }
    public string? Description { get; set; }
    public bool? Active { get; set; }
    public bool? RotateSecret { get; set; }
}

/// <summary>An endpoint; <c>Secret</c> is present only in the answer that created or rotated it.</summary>
public sealed record WebhookEndpointResponse(long Id, string Url, IReadOnlyList<string> EventTypes, string Description, bool Active,
    DateTimeOffset CreatedAt, string? Secret);

public sealed record WebhookAttemptResponse(int Attempt, DateTimeOffset StartedAt, int DurationMs, int? Status, string? Error, string? ResponseExcerpt);

public sealed record WebhookDeliveryResponse(long Id, long EndpointId, string DeliveryId, string EventType, string State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatus, string? LastError,
    IReadOnlyList<WebhookAttemptResponse>? AttemptLog);

public static class WebhookMapping
{
    public static WebhookEndpointResponse AsResponse(this WebhookEndpointRow r, bool withSecret = false) =>
        new(r.Id, r.Url, WebhookRules.SplitTypes(r.EventTypes), r.Description, r.Active, r.CreatedAt, withSecret ? r.Secret : null);

    public static WebhookDeliveryResponse AsResponse(this WebhookDeliveryRow d, IReadOnlyList<WebhookAttemptRow>? attempts = null) =>
        new(d.Id, d.EndpointId, d.DeliveryId, d.EventType, d.State, d.Attempts, d.CreatedAt,
            d.State == WebhookDeliveryStates.Pending ? d.NextAttemptAt : null, d.DeliveredAt, d.LastStatus, d.LastError,
            attempts?.Select(a => new WebhookAttemptResponse(a.Attempt, a.StartedAt, a.DurationMs, a.Status, a.Error, a.ResponseExcerpt)).ToList());
}
