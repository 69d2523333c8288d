namespace EventPlanner.Web.Features.Tickets;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.
public sealed record TicketTypeRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public int PriceCents { get; init; }
    public string Currency { get; init; } = "EUR";
    public int Quota { get; init; }
    public int Taken { get; init; }
    public DateTimeOffset? SaleStartsAt { get; init; }
    public DateTimeOffset? SaleEndsAt { get; init; }
    public int PerOrderLimit { get; init; }
    public bool RequiresApproval { get; init; }
    public string Transferability { get; init; } = TicketRules.Transferable;
    public int? TransferDeadlineDays { get; init; }
    public int? CancelDeadlineDays { get; init; }
    public bool IsSpeakerType { get; init; }
    public int SortOrder { get; init; }
    public int Waiting { get; init; }

    public bool IsFree => PriceCents == 0;
    public int Available => Math.Max(0, Quota - Taken);
}

public sealed record OrderRow
{
    public long Id { get; init; }
    /// <summary>This row's values of the order list's sort order (JSON): what a cursor after it holds.</summary>
    public string SortKey { get; init; } = "[]";
    public long EventId { get; init; }
    public long TicketTypeId { get; init; }
    public string TypeName { get; init; } = "";
    public long BuyerUserId { get; init; }
    public string BuyerName { get; init; } = "";
    public string BuyerEmail { get; init; } = "";
    public int Quantity { get; init; }
    public int PriceCents { get; init; }
    public string Currency { get; init; } = "";
    public string Approval { get; init; } = "";
    public string Payment { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A ticket with what every page about it shows: its type, event and holder.</summary>
public sealed record TicketRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string EventSlug { get; init; } = "";
    public string EventName { get; init; } = "";
    public DateOnly EventStartsOn { get; init; }
    public DateOnly EventEndsOn { get; init; }
    public string EventTimeZone { get; init; } = "UTC";
    public long TicketTypeId { get; init; }
    public string TypeName { get; init; } = "";
    public string Transferability { get; init; } = "";
    public int? TransferDeadlineDays { get; init; }
    public int? CancelDeadlineDays { get; init; }
    public long? OrderId { get; init; }
    public long HolderUserId { get; init; }
    public string HolderName { get; init; } = "";
    public string HolderEmail { get; init; } = "";
    public string Secret { get; init; } = "";
    public string Status { get; init; } = "";
    public bool UsesQuota { get; init; }
    public long? SpeakerUserId { get; init; }
    public string BadgeName { get; init; } = "";
    public string TshirtSize { get; init; } = "";
    public string Dietary { get; init; } = "";
    public DateTimeOffset? CheckedInAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsSpeakerTicket => SpeakerUserId is not null;
}

public sealed record WaitingRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string EventSlug { get; init; } = "";
    public long TicketTypeId { get; init; }
    public string TypeName { get; init; } = "";
    public long UserId { get; init; }
    public string Status { get; init; } = "";
    public int Position { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? OfferExpiresAt { get; init; }
}

public sealed record TransferRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string EventSlug { get; init; } = "";
    public string EventName { get; init; } = "";
    public string EventTimeZone { get; init; } = "UTC";
    public long TicketId { get; init; }
    public string TypeName { get; init; } = "";
    public long FromUserId { get; init; }
    public string FromName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Token { get; init; }
    public string? RecipientEmail { get; init; }
    public string? RecipientName { get; init; }
    public long? RecipientUserId { get; init; }
    public string Note { get; init; } = "";
    public bool AutoFirst { get; init; }
    public int Requests { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record TransferRequestRow
{
    public long Id { get; init; }
    public long TransferId { get; init; }
    public long RequesterUserId { get; init; }
    public string RequesterName { get; init; } = "";
    public string Message { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record HolderChangeRow
{
    public long Id { get; init; }
    public long TicketId { get; init; }
    public long? TransferId { get; init; }
    public string TypeName { get; init; } = "";
    public string FromName { get; init; } = "";
    public string ToName { get; init; } = "";
    public string? ActorName { get; init; }
    public string? ApprovedByName { get; init; }
    public string Reason { get; init; } = "";
    public DateTimeOffset ChangedAt { get; init; }
}

public sealed record CheckInRow
{
    public long Id { get; init; }
    public long TicketId { get; init; }
    public string HolderName { get; init; } = "";
    public string BadgeName { get; init; } = "";
    public string TypeName { get; init; } = "";
    public DateTimeOffset CheckedInAt { get; init; }
    public string? CheckedInByName { get; init; }
    public DateTimeOffset? UndoneAt { get; init; }
}

public sealed record TypeCountRow
{
    public long TicketTypeId { get; init; }
    public string TypeName { get; init; } = "";
    public int Valid { get; init; }
    public int CheckedIn { get; init; }
}

public sealed record StaffRow
{
    public long UserId { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public DateTimeOffset GrantedAt { get; init; }
}

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
public sealed record TicketTypeInput(
    string? Name, string? Description, decimal? Price, string? Currency, int? Quota,
    DateTimeOffset? SaleStartsAt, DateTimeOffset? SaleEndsAt, int? PerOrderLimit, bool? RequiresApproval,
    string? Transferability, int? TransferDeadlineDays, int? CancelDeadlineDays, bool? IsSpeakerType, int? SortOrder);

public sealed record AttendeeInput(string? BadgeName, string? TshirtSize, string? Dietary);

public sealed record RegistrationInput(long? TicketTypeId, IReadOnlyList<AttendeeInput>? Attendees, bool? JoinWaitingList);

public sealed record DirectTransferInput(string? RecipientEmail, string? RecipientName, string? Note);
public sealed record CommunityOfferInput(string? Note, bool? AutoFirst);
public sealed record TransferRequestInput(string? Message);
public sealed record CheckInInput(string? Secret);
public sealed record StaffInput(string? Email);

// Validated values.
public sealed record TicketTypeValues(
    string Name, string Description, int PriceCents, string Currency, int Quota,
    DateTimeOffset? SaleStartsAt, DateTimeOffset? SaleEndsAt, int PerOrderLimit, bool RequiresApproval,
    string Transferability, int? TransferDeadlineDays, int? CancelDeadlineDays, bool IsSpeakerType, int SortOrder);

public sealed record Attendee(string BadgeName, string TshirtSize, string Dietary);

// Responses.
public sealed record TicketTypeResponse(
    long Id, string Name, string Description, decimal Price, string Currency, int Quota, int Available, int Waiting,
    DateTimeOffset? SaleStartsAt, DateTimeOffset? SaleEndsAt, int PerOrderLimit, bool RequiresApproval,
    string Transferability, int? TransferDeadlineDays, int? CancelDeadlineDays, bool IsSpeakerType);

public sealed record TicketResponse(
    long Id, string EventSlug, string EventName, string TypeName, string Status, string Secret, string TicketUrl, string QrUrl,
    string BadgeName, string TshirtSize, string Dietary, DateTimeOffset? CheckedInAt, bool Transferable);

public sealed record OrderResponse(
    long Id, string TypeName, int Quantity, decimal Price, string Currency, string Approval, string Payment, string Status,
    string BuyerName, string BuyerEmail, IReadOnlyList<TicketResponse> Tickets);

public sealed record WaitingResponse(long Id, string EventSlug, string TypeName, string Status, int Position, DateTimeOffset? OfferExpiresAt);

public sealed record RegistrationResponse(string Outcome, OrderResponse? Order, WaitingResponse? WaitingList);

public sealed record TransferResponse(
    long Id, long TicketId, string EventSlug, string TypeName, string Kind, string Status, string FromName,
    string? RecipientName, string? RecipientEmail, string Note, bool AutoFirst, int Requests, DateTimeOffset ExpiresAt);

public sealed record TransferRequestResponse(long Id, string RequesterName, string Message, string Status, DateTimeOffset CreatedAt);

public sealed record HolderChangeResponse(long TicketId, string TypeName, string From, string To, string? By, string? ApprovedBy, string Reason, DateTimeOffset ChangedAt);

public sealed record CheckInResponse(string Outcome, string Reason, long? TicketId, string? HolderName, string? BadgeName, string? TypeName, DateTimeOffset? CheckedInAt);

public sealed record TypeCountResponse(long TicketTypeId, string TypeName, int Valid, int CheckedIn);

public sealed record StaffResponse(long UserId, string Email, string DisplayName);
