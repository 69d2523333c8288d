using System.Globalization;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Pages.Events;

/// <summary>How event dates and hours read on the pages. Dates and hours are already local to the event's zone.</summary>
public static class EventDisplay
{
    public static string Day(DateOnly d) => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Dates(EventRow e) => e.StartsOn == e.EndsOn ? Day(e.StartsOn) : $"{Day(e.StartsOn)} to {Day(e.EndsOn)}";

    public static string Zone(EventRow e) => EventTimeZones.Describe(e.TimeZone, e.StartsOn);
}
