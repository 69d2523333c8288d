namespace EventPlanner.Web.Features.Events;

/// <summary>
/// An event's own calendar. "Today" and "over" are judged in the event's time zone, never the server's or UTC:
/// a meetup in Kuala Lumpur has ended there hours before it has in Lisbon, and every page that sorts or closes
/// things by "is it over yet" must agree on the same instant.
/// </summary>
public static class EventCalendar
{
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static DateOnly LocalDate(DateTimeOffset instant, string timeZoneId) =>
        LocalDate(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    /// <summary>Whether the event's last day has ended where it takes place.</summary>
    public static bool IsOver(DateOnly endsOn, TimeZoneInfo zone, DateTimeOffset now) => LocalDate(now, zone) > endsOn;

    public static bool IsOver(DateOnly endsOn, string timeZoneId, DateTimeOffset now) => LocalDate(now, timeZoneId) > endsOn;
}
