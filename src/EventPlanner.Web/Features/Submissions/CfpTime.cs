using System.Globalization;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Instants are stored in UTC and entered and shown in the event's zone. Local input is the
/// <c>datetime-local</c> form: yyyy-MM-ddTHH:mm.
/// </summary>
public static class CfpTime
{
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    public enum ParseResult { Ok, Empty, Malformed, Skipped, OutOfRange }

    /// <summary>Reads a local date and time in <paramref name="zone"/> (see <see cref="LocalTimes"/>); a time skipped by a clock change is refused.</summary>
    public static ParseResult TryParseLocal(string? text, TimeZoneInfo zone, out DateTimeOffset utc) => LocalTimes.TryParse(text, zone, out utc) switch
    {
        LocalTimes.Parsed.Ok => ParseResult.Ok,
        LocalTimes.Parsed.Empty => ParseResult.Empty,
        LocalTimes.Parsed.Skipped => ParseResult.Skipped,
        LocalTimes.Parsed.OutOfRange => ParseResult.OutOfRange,
        _ => ParseResult.Malformed,
    };

    public static DateTimeOffset ToLocal(DateTimeOffset utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(utc, zone);

    public static string ToInput(DateTimeOffset? utc, TimeZoneInfo zone) =>
        utc is { } u ? ToLocal(u, zone).ToString(InputFormat, CultureInfo.InvariantCulture) : "";

    /// <summary>"Monday 30 November 2026, 23:59 (Asia/Kuala_Lumpur)": how deadlines are named to people.</summary>
    public static string Describe(DateTimeOffset utc, TimeZoneInfo zone) => $"{LocalTimes.ShowLong(utc, zone)} ({zone.Id})";

    /// <summary>"3 days 4 hours": a countdown that needs no script.</summary>
    public static string Countdown(DateTimeOffset now, DateTimeOffset until)
    {
        var left = until - now;
        if (left <= TimeSpan.Zero) return "closed";
        if (left.TotalDays >= 1) return $"{(int)left.TotalDays} day{Plural((int)left.TotalDays)} {left.Hours} hour{Plural(left.Hours)}";
        if (left.TotalHours >= 1) return $"{(int)left.TotalHours} hour{Plural((int)left.TotalHours)} {left.Minutes} minute{Plural(left.Minutes)}";
        return $"{Math.Max(1, (int)left.TotalMinutes)} minute{Plural(Math.Max(1, (int)left.TotalMinutes))}";
    }

    private static string Plural(int n) => n == 1 ? "" : "s";
}
