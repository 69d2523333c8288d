using System.Globalization;
using System.Text;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>The states the attendee list filters by: a ticket's status, with "checked in" split from "valid" and "transferred" as a history.</summary>
public static class AttendeeStates
{
    public const string Valid = "valid";
    public const string CheckedIn = "checked_in";
    public const string Pending = "pending";
    public const string Cancelled = "cancelled";
    public const string Revoked = "revoked";
    /// <summary>Changed hands at least once (whatever its status now): the row shows the current holder.</summary>
    public const string Transferred = "transferred";

    public static readonly IReadOnlyList<string> All = [Valid, CheckedIn, Pending, Cancelled, Revoked, Transferred];

    public static string Label(string state) => state switch
    {
        Valid => "Valid (not checked in)",
        CheckedIn => "Checked in",
        Pending => "Awaiting payment or approval",
        Cancelled => "Cancelled",
        Revoked => "Revoked",
        Transferred => "Transferred",
        _ => state,
    };

    /// <summary>A row's state: its status, and "checked in" for a valid ticket that came through the door.</summary>
    public static string Of(string status, DateTimeOffset? checkedInAt) => status == "valid" && checkedInAt is not null ? CheckedIn : status;
}

/// <summary>An attendee list filter that passed <see cref="AttendeeRules.ReadFilter"/>: normalised, bounded and known.</summary>
public sealed record AttendeeFilter(string? Q = null, long? Type = null, string? State = null);

/// <summary>The rules of finding people: input checks, how text matches, and what the check-in desk may show.</summary>
public static class AttendeeRules
{
    public const int MaxQueryLength = 200;
    public const int PageSize = 100;
    /// <summary>Far past any real list; it keeps (page - 1) * size inside an int.</summary>
    public const int MaxPage = 100_000;
    /// <summary>At the desk a query must say this much, so that "a", "e", "i" cannot page through the whole list.</summary>
    public const int DeskMinQueryLength = 2;
    /// <summary>Enough to pick one of a few namesakes; more means "type more of the name".</summary>
    public const int DeskMaxMatches = 10;

    public static AttendeeFilter ReadFilter(string? q, long? type, string? state, Validator v)
    {
        var text = v.Optional("q", q, MaxQueryLength, "Search");
        if (state is { Length: > 0 } && !AttendeeStates.All.Contains(state))
            v.Add("state", $"State must be one of: {string.Join(", ", AttendeeStates.All)}.");
        if (type is < 1) v.Add("type", "Ticket type must be the id of one of the event's ticket types.");
        return new(text.Length == 0 ? null : text, type, string.IsNullOrEmpty(state) ? null : state);
    }

    public static int ReadPage(int? page, Validator v)
    {
        if (page is null) return 1;
        if (page is < 1 or > MaxPage) { v.Add("page", $"Page must be 1 to {MaxPage}."); return 1; }
        return page.Value;
    }

    /// <summary>The desk's query, or null with a field message: present, bounded, and at least <see cref="DeskMinQueryLength"/> letters.</summary>
    public static string? ReadDeskQuery(string? q, Validator v)
    {
        var text = v.Required("q", q, MaxQueryLength, "Name or email");
        if (text is null) return null;
        if (Fold(text).Length < DeskMinQueryLength)
        {
            v.Add("q", $"Type at least {DeskMinQueryLength} characters of the name or email.");
            return null;
        }
        return text;
    }

    /// <summary>
    /// Text as search compares it: NFC-decomposed with accents dropped and case folded, so "zoe", "ZOË" and "Zoë"
    /// meet. Done here, not in SQL, because SQLite's LIKE and lower() fold ASCII letters only.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant().Trim();
    }

    /// <summary>Organisers: the query anywhere in the holder's name, the badge name or the email.</summary>
    public static bool Matches(AttendeeRow r, string foldedQuery) =>
        Fold(r.HolderName).Contains(foldedQuery, StringComparison.Ordinal)
        || Fold(r.BadgeName).Contains(foldedQuery, StringComparison.Ordinal)
        || Fold(r.Email).Contains(foldedQuery, StringComparison.Ordinal);

    /// <summary>
    /// The desk: a name matches anywhere, but an email only when the query holds the whole part before the "@"
    /// (the attendee says their address): a volunteer cannot list the emails that contain "ab".
    /// </summary>
    public static bool MatchesAtDesk(AttendeeRow r, string foldedQuery) =>
        Fold(r.HolderName).Contains(foldedQuery, StringComparison.Ordinal)
        || Fold(r.BadgeName).Contains(foldedQuery, StringComparison.Ordinal)
        || (foldedQuery.Contains('@') && Fold(r.Email).StartsWith(foldedQuery, StringComparison.Ordinal));

    /// <summary>
    /// What the desk shows of an email to tell two people of one name apart: the masked form a transfer uses
    /// ("n•••@example.org", <see cref="TicketRules.MaskEmail"/>); the attendee confirms the rest aloud.
    /// </summary>
    public static string EmailHint(string email) => TicketRules.MaskEmail(email);
}
