using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Events;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class EventRulesTests
{
    private static EventInput Valid(string slug = "fossmy-2026") =>
        new(slug, "FOSS.my 2026", "", "", "Asia/Kuala_Lumpur", "2026-11-28", "2026-11-29", true, null);

    [Fact]
    public void The_slug_of_the_create_form_is_reserved()
    {
        var v = new Validator();

        Assert.Null(EventRules.Validate(Valid("new"), v));
        Assert.Contains("reserved", v.Errors["slug"].Single());
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-02", "startsOn")]
    [InlineData("9999-12-30", "9999-12-31", "endsOn")]
    [InlineData("1999-12-31", "2000-01-01", "startsOn")]
    public void Dates_at_the_calendars_ends_are_a_field_message_not_an_overflow(string starts, string ends, string field)
    {
        var v = new Validator();

        Assert.Null(EventRules.Validate(Valid() with { StartsOn = starts, EndsOn = ends }, v));
        Assert.Contains("between 2000-01-01 and 2099-12-31", v.Errors[field].Single());
    }

    [Fact]
    public void The_days_of_an_event_ending_on_the_last_day_of_the_calendar_do_not_overflow()
    {
        Assert.Equal([DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue], EventRules.Dates(DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue));
    }

    [Fact]
    public void An_event_lasts_at_most_two_weeks()
    {
        var v = new Validator();

        Assert.Null(EventRules.Validate(Valid() with { EndsOn = "2026-12-12" }, v));
        Assert.Contains("at most 14 days", v.Errors["endsOn"].Single());
        Assert.NotNull(EventRules.Validate(Valid() with { EndsOn = "2026-12-11" }, new Validator()));
    }

    [Theory]
    [InlineData("Europe/Brussels", true)]
    [InlineData("UTC", true)]
    [InlineData("Malay Peninsula Standard Time", false)]
    [InlineData("Asia/Nowhere", false)]
    public void Only_iana_time_zones_are_accepted(string zone, bool accepted)
    {
        var v = new Validator();

        var values = EventRules.Validate(Valid() with { TimeZone = zone }, v);

        Assert.Equal(accepted, values is not null);
        Assert.Equal(accepted, !v.Errors.ContainsKey("timeZone"));
    }
}
