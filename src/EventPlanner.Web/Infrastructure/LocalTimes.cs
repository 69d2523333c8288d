using System.Globalization;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Local date-times as people type them (the <c>datetime-local</c> form, yyyy-MM-ddTHH:mm, in the event's zone), read
/// in one place. Anything outside <see cref="MinYear"/>–<see cref="MaxYear"/> is refused before it is converted: no
/// event needs it, and at the ends of the calendar the conversion to UTC itself overflows (0001-01-01T00:00 east of
/// UTC, 9999-12-31T23:59 west of it).
/// </summary>
public static class LocalTimes
{
    public const int MinYear = 2000;
    public const int MaxYear = 2099;

    /// <summary>The message for a date or time outside the range, the same wherever it is checked.</summary>
    public static string OutOfRange(string label) => $"{label} must be between {MinYear}-01-01 and {MaxYear}-12-31.";

    public static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    public enum Parsed { Ok, Empty, Malformed, Skipped, OutOfRange }

    /// <summary>
    /// How a moment is shown to people, in one format everywhere: "Mon 30 Nov 2026, 23:59" in <paramref name="zone"/> (the
    /// event's zone for event times; UTC, put right by the reader's browser, for inbox times, as the server does not know
    /// the reader's zone). Never seconds: a deadline at 23:59:59 reads 23:59.
    /// </summary>
    public static string Show(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The same moment written out in full, for deadlines in sentences and mail: "Monday 30 November 2026, 23:59".</summary>
    public static string ShowLong(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A moment for a reader whose zone the server does not know: UTC, said so, for <c>js/local-times.js</c> to show in the browser's zone.</summary>
    public static string ShowUtc(DateTimeOffset at) => Show(at, TimeZoneInfo.Utc) + " UTC";

    /// <summary>Reads a local date and time in <paramref name="zone"/>; a time skipped by a clock change is refused, an hour that happens twice is its first occurrence.</summary>
    public static Parsed TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return Parsed.Empty;
        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return Parsed.Malformed;
        if (local.Year is < MinYear or > MaxYear) return Parsed.OutOfRange;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return Parsed.Skipped;
        // An hour that happens twice is read as its first occurrence (the earlier instant).
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        utc = new DateTimeOffset(local, offset).ToUniversalTime();
        return Parsed.Ok;
    }
}

public sealed partial class Validator
{
    /// <summary>A local date and time in the event's zone, as UTC; null (with a message when it was wrong or required) otherwise.</summary>
    public DateTimeOffset? LocalDateTime(string field, string? text, TimeZoneInfo zone, string label, bool required)
    {
        switch (LocalTimes.TryParse(text, zone, out var utc))
        {
            case LocalTimes.Parsed.Ok: return utc;
            case LocalTimes.Parsed.Empty:
                if (required) Add(field, $"{label} is required.");
                return null;
            case LocalTimes.Parsed.Skipped:
                Add(field, $"{label}: {text} does not exist in {zone.Id} (the clocks change then).");
                return null;
            case LocalTimes.Parsed.OutOfRange:
                Add(field, LocalTimes.OutOfRange(label));
                return null;
            default:
                Add(field, $"{label} must be a date and time written as yyyy-MM-ddTHH:mm ({zone.Id} time).");
                return null;
        }
    }
}
