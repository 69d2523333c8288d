using System.Globalization;
using System.Text.RegularExpressions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>What makes a ticket type, a registration or a transfer valid; plain code, unit-tested without a host.</summary>
public static partial class TicketRules
{
    public const string Transferable = "transferable";
    public const string TransferableWithApproval = "approval";
    public const string NotTransferable = "none";
    public static readonly string[] Transferabilities = [Transferable, TransferableWithApproval, NotTransferable];

    public static readonly string[] TshirtSizes = ["", "XS", "S", "M", "L", "XL", "XXL", "3XL"];

    public const int MaxQuota = 100_000;

    public static TicketTypeValues? Validate(TicketTypeInput input, Validator v)
    {
        var name = v.Required("name", input.Name, 100, "Name");
        var description = v.Optional("description", input.Description, 4_000, "Description");
        var price = input.Price ?? 0m;
        if (price < 0 || price > 100_000) v.Add("price", "Price must be between 0 and 100000.");
        else if (decimal.Round(price, 2) != price) v.Add("price", "Price may have at most two decimals.");
        var currency = string.IsNullOrWhiteSpace(input.Currency) ? "EUR" : input.Currency.Trim().ToUpperInvariant();
        if (!CurrencyPattern().IsMatch(currency)) v.Add("currency", "Currency must be a three-letter code such as EUR, MYR or USD.");
        var quota = v.Range("quota", input.Quota, 0, MaxQuota, "Quota");
        if (input.SaleStartsAt is { } s && input.SaleEndsAt is { } e && e <= s) v.Add("saleEndsAt", "The sale must end after it starts.");
        var limit = input.PerOrderLimit ?? 1;
        if (limit is < 1 or > 10) v.Add("perOrderLimit", "Tickets per order must be between 1 and 10.");
        var transferability = string.IsNullOrWhiteSpace(input.Transferability) ? Transferable : input.Transferability.Trim().ToLowerInvariant();
        if (!Transferabilities.Contains(transferability)) v.Add("transferability", "Transferability must be 'transferable', 'approval' or 'none'.");
        if (input.TransferDeadlineDays is < 0 or > 365) v.Add("transferDeadlineDays", "The transfer deadline must be between 0 and 365 days before the event.");
        if (input.CancelDeadlineDays is < 0 or > 365) v.Add("cancelDeadlineDays", "The cancellation deadline must be between 0 and 365 days before the event.");
        if (v.HasErrors) return null;
        return new TicketTypeValues(name!, description, (int)(price * 100), currency, quota, input.SaleStartsAt, input.SaleEndsAt, limit,
            input.RequiresApproval ?? false, transferability, input.TransferDeadlineDays, input.CancelDeadlineDays,
            input.IsSpeakerType ?? false, input.SortOrder ?? 0);
    }

    /// <summary>One answer set per attendee; the number of attendees is the number of tickets.</summary>
    public static IReadOnlyList<Attendee>? ValidateAttendees(IReadOnlyList<AttendeeInput>? attendees, int perOrderLimit, Validator v)
    {
        if (attendees is null || attendees.Count == 0) { v.Add("attendees", "Name at least one attendee (the name on the badge)."); return null; }
        if (attendees.Count > perOrderLimit) v.Add("attendees", $"At most {perOrderLimit} ticket{(perOrderLimit == 1 ? "" : "s")} per order.");
        var list = new List<Attendee>();
        for (var i = 0; i < attendees.Count; i++)
        {
            var a = ValidateAttendee(attendees[i], v, attendees.Count == 1 ? "" : $"attendees[{i}].");
            if (a is not null) list.Add(a);
        }
        return v.HasErrors ? null : list;
    }

    public static Attendee? ValidateAttendee(AttendeeInput? input, Validator v, string prefix = "")
    {
        var badge = v.Required(prefix + "badgeName", input?.BadgeName, 60, "Name on badge");
        var size = (input?.TshirtSize ?? "").Trim().ToUpperInvariant();
        if (!TshirtSizes.Contains(size)) v.Add(prefix + "tshirtSize", $"T-shirt size must be one of {string.Join(", ", TshirtSizes.Skip(1))}, or empty.");
        var dietary = v.Optional(prefix + "dietary", input?.Dietary, 300, "Dietary needs");
        return badge is null || v.HasErrors ? null : new Attendee(badge, size, dietary);
    }

    public static decimal Price(int cents) => cents / 100m;

    public static string FormatPrice(int cents, string currency) =>
        cents == 0 ? "Free" : string.Create(CultureInfo.InvariantCulture, $"{cents / 100m:0.00} {currency}");

    /// <summary>The start of the event's first day, in its own time zone.</summary>
    public static DateTimeOffset EventStart(DateOnly startsOn, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = startsOn.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Changes close <paramref name="daysBefore"/> days before the event starts; with no setting, when it starts.</summary>
    public static DateTimeOffset Deadline(DateOnly startsOn, string timeZone, int? daysBefore) =>
        EventStart(startsOn, timeZone).AddDays(-(daysBefore ?? 0));

    public static string? SaleRefusal(TicketTypeRow type, DateTimeOffset now)
    {
        if (type.IsSpeakerType) return "This ticket type is given to speakers; it is not on sale.";
        if (type.SaleStartsAt is { } s && now < s) return $"Sales open on {s:yyyy-MM-dd HH:mm} UTC.";
        if (type.SaleEndsAt is { } e && now >= e) return "Sales for this ticket type have closed.";
        return null;
    }

    /// <summary>Why this ticket cannot be offered to someone else now, or null when it can.</summary>
    public static string? TransferRefusal(TicketRow ticket, DateTimeOffset now)
    {
        if (ticket.IsSpeakerTicket) return "Speaker tickets are personal and cannot be transferred.";
        if (ticket.Transferability == NotTransferable) return "Tickets of this type cannot be transferred.";
        if (ticket.Status != "valid") return "Only a confirmed ticket can be transferred.";
        if (ticket.CheckedInAt is not null) return "This ticket has already been used to check in.";
        var deadline = Deadline(ticket.EventStartsOn, ticket.EventTimeZone, ticket.TransferDeadlineDays);
        if (now >= deadline) return $"Transfers for this ticket closed on {deadline:yyyy-MM-dd HH:mm} UTC.";
        return null;
    }

    public static string? CancelRefusal(TicketRow ticket, DateTimeOffset now)
    {
        if (ticket.Status is "cancelled" or "revoked") return "This ticket is no longer valid.";
        if (ticket.IsSpeakerTicket) return "Speaker tickets go with the talk; withdraw the talk instead.";
        if (ticket.CheckedInAt is not null) return "This ticket has already been used to check in.";
        var deadline = Deadline(ticket.EventStartsOn, ticket.EventTimeZone, ticket.CancelDeadlineDays);
        if (now >= deadline) return $"Cancellation closed on {deadline:yyyy-MM-dd HH:mm} UTC.";
        return null;
    }

    /// <summary>
    /// What someone else holding a direct offer's link is told: who may take it, by a masked address (enough to
    /// recognise one's own, not enough to learn a stranger's).
    /// </summary>
    public static string NotForYou(string? recipientEmail) =>
        $"This ticket was offered to someone else ({MaskEmail(recipientEmail)}). Only the account with that address, confirmed, can accept or decline it: "
        + "sign out and sign in (or register) with that address.";

    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.IndexOf('@') is not (> 0 and var at)) return "another address";
        return $"{email[0]}•••{email[at..]}";
    }

    /// <summary>A transfer offer lasts a week, but never past the transfer deadline.</summary>
    public static DateTimeOffset TransferExpiry(TicketRow ticket, DateTimeOffset now, TimeSpan lifetime)
    {
        var deadline = Deadline(ticket.EventStartsOn, ticket.EventTimeZone, ticket.TransferDeadlineDays);
        var expiry = now + lifetime;
        return expiry < deadline ? expiry : deadline;
    }

    public static string? ValidateEmail(string field, string? value, Validator v)
    {
        var email = v.Required(field, value, 254, "Email");
        if (email is not null && !EmailPattern().IsMatch(email)) v.Add(field, "That does not look like an email address.");
        return email;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

/// <summary>Why check-in refused a code; the words at the desk.</summary>
public static class CheckInOutcomes
{
    public const string Accepted = "accepted";
    public const string Unknown = "unknown";
    public const string Replaced = "replaced";
    public const string Revoked = "revoked";
    public const string Cancelled = "cancelled";
    public const string Pending = "pending";
    public const string AlreadyCheckedIn = "already_checked_in";
    public const string OtherEvent = "other_event";

    public static string Describe(string outcome, DateTimeOffset? when, string timeZone)
    {
        var local = when is { } w ? TimeZoneInfo.ConvertTime(w, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
        return outcome switch
        {
            Accepted => "Checked in.",
            Unknown => "Unknown code: no ticket has this secret.",
            Replaced => $"Refused: this code was replaced when the ticket changed hands ({local}). Ask the holder for their current ticket.",
            Revoked => "Refused: this ticket was revoked.",
            Cancelled => "Refused: this ticket was cancelled.",
            Pending => "Refused: this ticket is not confirmed yet (awaiting payment or approval).",
            AlreadyCheckedIn => $"Refused: already checked in at {local}.",
            OtherEvent => "Refused: this ticket is for another event.",
            _ => outcome,
        };
    }
}
