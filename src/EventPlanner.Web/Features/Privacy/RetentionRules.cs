using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>
/// When an event's attendee data is anonymised: <see cref="RetentionSetting.Days"/> after its last day, but never
/// sooner than a week after the organisers were warned (a period shortened at the last minute still gives them
/// their week). Plain rules, so they unit-test without a host.
/// </summary>
public static class RetentionRules
{
    public const int DefaultDays = 180;
    public const int MaxDays = 3650;
    public const int WarningDays = 7;

    public static int? ValidateDays(int? days, Validator v, string field = "retentionDays")
    {
        if (days is null) { v.Add(field, "Retention (days after the event) is required."); return null; }
        if (days is < 0 or > MaxDays) { v.Add(field, $"Retention must be between 0 and {MaxDays} days after the event's last day (it is {days})."); return null; }
        return days;
    }

    /// <summary>The first day on which the data may go: the day after the last day, plus the retention period.</summary>
    public static DateOnly ExpiresOn(DateOnly endsOn, int days) => endsOn.AddDays(1 + days);

    public static DateOnly WarnOn(DateOnly endsOn, int days) => ExpiresOn(endsOn, days).AddDays(-WarningDays);

    /// <summary>What the daily job does for one event today.</summary>
    public static RetentionStep Step(DateOnly today, DateOnly endsOn, RetentionSetting s)
    {
        if (s.AnonymisedOn is not null) return RetentionStep.Nothing;
        if (s.WarnedOn is not { } warned) return today >= WarnOn(endsOn, s.Days) ? RetentionStep.Warn : RetentionStep.Nothing;
        var due = ExpiresOn(endsOn, s.Days);
        var weekAfterWarning = warned.AddDays(WarningDays);
        return today >= (due > weekAfterWarning ? due : weekAfterWarning) ? RetentionStep.Anonymise : RetentionStep.Nothing;
    }

    /// <summary>The day the data will be (or was) anonymised, as the privacy page states it.</summary>
    public static DateOnly AnonymiseOn(DateOnly endsOn, RetentionSetting s)
    {
        if (s.AnonymisedOn is { } done) return done;
        var due = ExpiresOn(endsOn, s.Days);
        return s.WarnedOn is { } warned && warned.AddDays(WarningDays) > due ? warned.AddDays(WarningDays) : due;
    }
}

public enum RetentionStep { Nothing, Warn, Anonymise }

/// <summary>One event's retention: the period, and what the daily job has done (dates in UTC).</summary>
public sealed record RetentionSetting(int Days, DateOnly? WarnedOn, DateOnly? AnonymisedOn)
{
    public static readonly RetentionSetting Default = new(RetentionRules.DefaultDays, null, null);
}
