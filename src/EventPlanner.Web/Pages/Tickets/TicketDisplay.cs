using System.Globalization;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Web.Pages.Tickets;

/// <summary>How tickets read on the pages: times in the event's zone, prices, statuses in words.</summary>
public static class TicketDisplay
{
    public static string Local(DateTimeOffset? at, string timeZone) =>
        at is { } w ? TimeZoneInfo.ConvertTime(w, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Price(int cents, string currency) => TicketRules.FormatPrice(cents, currency);

    public static string Status(string status) => status switch
    {
        "valid" => "Confirmed",
        "pending" => "Awaiting payment or approval",
        "cancelled" => "Cancelled",
        "revoked" => "Revoked",
        _ => status,
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
