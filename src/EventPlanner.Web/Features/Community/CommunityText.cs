using System.Globalization;

namespace EventPlanner.Web.Features.Community;

internal static class CommunityText
{
    /// <summary>"Sat 28 Nov 14:00–16:00" in the event's zone.</summary>
    public static string When(TimeZoneInfo zone, DateTimeOffset starts, DateTimeOffset ends)
    {
        var from = TimeZoneInfo.ConvertTime(starts, zone);
        var to = TimeZoneInfo.ConvertTime(ends, zone);
        return from.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + "–" + to.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Day(TimeZoneInfo zone, DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Hm(TimeZoneInfo zone, DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
