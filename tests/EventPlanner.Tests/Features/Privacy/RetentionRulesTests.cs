using EventPlanner.Web.Features.Privacy;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Privacy;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class RetentionRulesTests
{
    private static readonly DateOnly LastDay = new(2027, 2, 7);

    [Theory]
    [InlineData(0, "2027-02-08")]
    [InlineData(180, "2027-08-07")]
    [InlineData(3650, "2037-02-05")] // three leap days on the way
    public void Data_expires_the_given_number_of_days_after_the_day_after_the_last_day(int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), RetentionRules.ExpiresOn(LastDay, days));

    [Fact]
    public void The_job_warns_a_week_ahead_then_anonymises_on_the_day()
    {
        var s = new RetentionSetting(30, null, null); // expires 2027-03-10, warning from 2027-03-03

        Assert.Equal(RetentionStep.Nothing, RetentionRules.Step(new DateOnly(2027, 3, 2), LastDay, s));
        Assert.Equal(RetentionStep.Warn, RetentionRules.Step(new DateOnly(2027, 3, 3), LastDay, s));
        var warned = s with { WarnedOn = new DateOnly(2027, 3, 3) };
        Assert.Equal(RetentionStep.Nothing, RetentionRules.Step(new DateOnly(2027, 3, 9), LastDay, warned));
        Assert.Equal(RetentionStep.Anonymise, RetentionRules.Step(new DateOnly(2027, 3, 10), LastDay, warned));
        Assert.Equal(RetentionStep.Nothing, RetentionRules.Step(new DateOnly(2027, 4, 1), LastDay, warned with { AnonymisedOn = new DateOnly(2027, 3, 10) }));
    }

    [Fact]
    public void A_period_shortened_at_the_last_minute_still_gives_the_organisers_their_week()
    {
        // Shortened to 0 days on 2027-03-01, long after it expired: warned that day, anonymised a week later, not at once.
        var s = new RetentionSetting(0, null, null);
        var today = new DateOnly(2027, 3, 1);

        Assert.Equal(RetentionStep.Warn, RetentionRules.Step(today, LastDay, s));
        var warned = s with { WarnedOn = today };
        Assert.Equal(RetentionStep.Nothing, RetentionRules.Step(today.AddDays(6), LastDay, warned));
        Assert.Equal(RetentionStep.Anonymise, RetentionRules.Step(today.AddDays(7), LastDay, warned));
        Assert.Equal(today.AddDays(7), RetentionRules.AnonymiseOn(LastDay, warned));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData(-1, "between 0 and 3650")]
    [InlineData(3651, "between 0 and 3650")]
    [InlineData(int.MaxValue, "between 0 and 3650")]
    public void Retention_days_out_of_range_are_a_field_message(int? days, string message)
    {
        var v = new Validator();

        Assert.Null(RetentionRules.ValidateDays(days, v));
        Assert.Contains(message, v.Errors["retentionDays"].Single());
    }
}
