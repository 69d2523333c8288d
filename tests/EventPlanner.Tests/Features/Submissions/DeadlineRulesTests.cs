using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class DeadlineRulesTests
{
    private static readonly TimeZoneInfo Kl = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kuala_Lumpur");
    private static readonly DateTimeOffset Opens = new(2026, 10, 31, 16, 0, 0, TimeSpan.Zero);   // 1 Nov 00:00 in KL
    private static readonly DateTimeOffset Closes = new(2026, 11, 30, 15, 59, 0, TimeSpan.Zero); // 30 Nov 23:59 in KL
    private static readonly CfpSettingsRow Cfp = new() { EventId = 1, OpensAt = Opens, ClosesAt = Closes };
    private static readonly SessionTypeRow Talk = new() { Id = 7, EventId = 1, Name = "Talk", Durations = "25,40", IsEnabled = true, MaxSpeakers = 2 };

    [Fact]
    public void The_deadline_instant_itself_is_closed_and_the_second_before_is_open()
    {
        Assert.Equal(WindowStatus.Open, DeadlineRules.Evaluate(Closes.AddSeconds(-1), Cfp, Talk, Kl).Status);
        Assert.Equal(WindowStatus.Closed, DeadlineRules.Evaluate(Closes, Cfp, Talk, Kl).Status);
    }

    [Fact]
    public void The_refusal_names_the_deadline_in_the_event_zone()
    {
        var refusal = DeadlineRules.Evaluate(Closes.AddSeconds(1), Cfp, Talk, Kl).Refusal;
        Assert.Contains("Monday 30 November 2026, 23:59 (Asia/Kuala_Lumpur)", refusal);
    }

    [Fact]
    public void Before_the_opening_the_refusal_names_the_opening()
    {
        var window = DeadlineRules.Evaluate(Opens.AddMinutes(-1), Cfp, Talk, Kl);
        Assert.False(window.Allows);
        Assert.Contains("Sunday 1 November 2026, 00:00", window.Refusal);
    }

    [Fact]
    public void A_type_deadline_overrides_the_cfp_deadline_both_ways()
    {
        var longer = Talk with { ClosesAt = Closes.AddDays(7) };
        var shorter = Talk with { ClosesAt = Closes.AddDays(-7) };
        Assert.True(DeadlineRules.Evaluate(Closes.AddDays(1), Cfp, longer, Kl).Allows);
        Assert.False(DeadlineRules.Evaluate(Closes.AddDays(-1), Cfp, shorter, Kl).Allows);
    }

    [Fact]
    public void Accepting_late_submissions_opens_the_door_after_the_deadline_as_late()
    {
        var window = DeadlineRules.Evaluate(Closes.AddDays(1), Cfp, Talk with { AcceptsLate = true }, Kl);
        Assert.True(window.Allows);
        Assert.True(window.IsLate);
    }

    [Fact]
    public void An_access_code_opens_the_door_only_while_valid_for_the_type_and_not_used_up()
    {
        var after = Closes.AddDays(1);
        var code = new CodeGrant(1, null, after.AddHours(1), MaxUses: 2, Uses: 1, AlreadyCountedForProposal: false);
        Assert.True(DeadlineRules.Evaluate(after, Cfp, Talk, Kl, code).ByCode);
        Assert.False(DeadlineRules.Evaluate(after.AddHours(2), Cfp, Talk, Kl, code).Allows);              // expired
        Assert.False(DeadlineRules.Evaluate(after, Cfp, Talk, Kl, code with { Uses = 2 }).Allows);        // used up
        Assert.True(DeadlineRules.Evaluate(after, Cfp, Talk, Kl, code with { Uses = 2, AlreadyCountedForProposal = true }).Allows);
        Assert.False(DeadlineRules.Evaluate(after, Cfp, Talk, Kl, code with { SessionTypeId = 99 }).Allows); // another type
    }

    [Fact]
    public void Hidden_types_need_a_code_and_disabled_types_take_nothing()
    {
        var now = Closes.AddDays(-1);
        var hidden = Talk with { IsHidden = true };
        Assert.False(DeadlineRules.Evaluate(now, Cfp, hidden, Kl).Allows);
        Assert.True(DeadlineRules.Evaluate(now, Cfp, hidden, Kl, new CodeGrant(1, hidden.Id, null, null, 0, false)).Allows);
        Assert.False(DeadlineRules.Evaluate(now, Cfp, Talk with { IsEnabled = false }, Kl).Allows);
        // Not even with a code: a disabled type takes nothing ("hidden" is the by-code-only setting).
        Assert.False(DeadlineRules.Evaluate(now, Cfp, Talk with { IsEnabled = false }, Kl, new CodeGrant(1, Talk.Id, null, null, 0, false)).Allows);
    }

    [Fact]
    public void Without_dates_the_call_is_not_open()
    {
        Assert.False(DeadlineRules.Evaluate(Closes, null, Talk, Kl).Allows);
    }

    [Fact]
    public void Local_input_is_read_in_the_event_zone_and_a_skipped_hour_is_refused()
    {
        Assert.Equal(CfpTime.ParseResult.Ok, CfpTime.TryParseLocal("2026-11-30T23:59", Kl, out var utc));
        Assert.Equal(Closes, utc);
        var brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        Assert.Equal(CfpTime.ParseResult.Skipped, CfpTime.TryParseLocal("2026-03-29T02:30", brussels, out _));
        Assert.Equal(CfpTime.ParseResult.Malformed, CfpTime.TryParseLocal("30/11/2026", Kl, out _));
    }
}
