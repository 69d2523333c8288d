using System.Globalization;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>How schedule times and conflicts read on the pages; times are already local to the event's zone.</summary>
public static class ScheduleDisplay
{
    public static readonly int[] Steps = [5, 10, 15, 30];

    public static string Hm(DateTime t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
    public static string Hm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Day(DateOnly d) => d.ToString("ddd d MMM", CultureInfo.InvariantCulture);
    public static string LongDay(DateOnly d) => d.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
    public static string IsoLocal(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string SeverityLabel(string severity) => severity == Severities.Error ? "Error" : "Warning";

    /// <summary>Track colour as a left border, or a neutral one.</summary>
    public static string TrackStyle(string? colour) => $"border-left-color: {(string.IsNullOrEmpty(colour) ? "#888888" : colour)}";

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
