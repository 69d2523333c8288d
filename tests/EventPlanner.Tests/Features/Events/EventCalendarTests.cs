using EventPlanner.Web.Features.Events;

namespace EventPlanner.Tests.Features.Events;

/// <summary>"Over" is judged where the event happens: the home page, My tickets and BoF booking all ask this one rule.</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class EventCalendarTests
{
    // 10:00 UTC on 15 Nov: already 16 Nov in Kiribati (UTC+14), still 14 Nov in American Samoa (UTC-11).
    private static readonly DateTimeOffset Instant = new(2026, 11, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LastDay = new(2026, 11, 15);

    [Theory]
    [InlineData("Pacific/Kiritimati", true)]
    [InlineData("Asia/Kuala_Lumpur", false)]
    [InlineData("UTC", false)]
    [InlineData("Pacific/Pago_Pago", false)]
    public void An_event_whose_last_day_is_today_in_UTC_is_over_only_where_that_day_has_already_ended(string zone, bool over) =>
        Assert.Equal(over, EventCalendar.IsOver(LastDay, zone, Instant));

    [Fact]
    public void The_local_date_is_the_events_not_the_servers()
    {
        Assert.Equal(new DateOnly(2026, 11, 16), EventCalendar.LocalDate(Instant, "Pacific/Kiritimati"));
        Assert.Equal(new DateOnly(2026, 11, 14), EventCalendar.LocalDate(Instant.AddHours(-12), "Pacific/Pago_Pago"));
        var row = new EventRow { TimeZone = "Pacific/Kiritimati", EndsOn = LastDay };
        Assert.True(row.IsOverAt(Instant));
        Assert.False(row.IsOverAt(Instant.AddHours(-1)));
    }
}
