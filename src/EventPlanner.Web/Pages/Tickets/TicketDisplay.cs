using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Pages.Tickets;

/// <summary>How tickets read on the pages: times in the event's zone, prices, statuses in words.</summary>
public static class TicketDisplay
{
    public static string Local(DateTimeOffset? at, string timeZone) =>
        at is { } w ? LocalTimes.Show(w, TimeZoneInfo.FindSystemTimeZoneById(timeZone)) : "";

    public static string Price(int cents, string currency) => TicketRules.FormatPrice(cents, currency);

    public static string Status(string status) => status switch
    {
        "valid" => "Confirmed",
        "pending" => "Awaiting payment or approval",
        "cancelled" => "Cancelled",
        "revoked" => "Revoked",
        _ => status,
    };

    /// <summary>
    /// Where one of my board requests stands. A chosen request keeps the status 'chosen' while the transfer moves on, so
    /// the transfer's own status says whether the ticket is mine already, waits for the organisers, or lapsed.
    /// </summary>
    public static string RequestStatus(TransferRow transfer, string requestStatus) => (requestStatus, transfer.Status) switch
    {
        ("pending", _) => "waiting for the holder",
        ("chosen", "completed") => "the ticket is yours now (under your tickets)",
        ("chosen", "awaiting_approval") => "you accepted; waiting for the organisers' approval",
        ("chosen", "chosen") => "you were chosen — accept it from the link in your email",
        ("chosen", "refused") => "the organisers did not approve the transfer",
        ("chosen", _) => "the offer lapsed before it was accepted",
        ("gone", _) => "gone to someone else",
        ("withdrawn", _) => "you withdrew",
        _ => requestStatus,
    };

    public static string Transferability(string value) => value switch
    {
        TicketRules.Transferable => "Transferable",
        TicketRules.TransferableWithApproval => "Transferable with organiser approval",
        _ => "Not transferable",
    };
}

/// <summary>The attendee questions as a form binds them.</summary>
public sealed class AttendeeForm
{
    public string? BadgeName { get; set; }
    public string? TshirtSize { get; set; }
    public string? Dietary { get; set; }

    public AttendeeInput AsInput() => new(BadgeName, TshirtSize, Dietary);
}

/// <summary>What the _AttendeeFields partial needs: the field name prefix, an id prefix and the values to show.</summary>
public sealed record AttendeeFields(string Prefix, string Id, AttendeeForm Values, bool Required);
