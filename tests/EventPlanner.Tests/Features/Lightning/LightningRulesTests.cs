using EventPlanner.Web.Features.Lightning;

namespace EventPlanner.Tests.Features.Lightning;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningRulesTests
{
    [Theory]
    [InlineData(60, 5, 1, 10)] // 10 talks and 9 changeovers: 59 minutes
    [InlineData(60, 5, 0, 12)]
    [InlineData(45, 5, 1, 7)]
    [InlineData(60, 7, 2, 6)]
    [InlineData(30, 10, 5, 2)]
    [InlineData(4, 5, 1, 0)]
    public void Slot_count_fits_talks_and_the_changeovers_between_them(int duration, int slot, int changeover, int expected) =>
        Assert.Equal(expected, LightningRules.SlotCount(duration, slot, changeover));

    [Fact]
    public void The_day_starts_at_local_midnight_in_the_events_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kuala_Lumpur");
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T16:00:00Z"), LightningRules.DayStart(DateTimeOffset.Parse("2026-11-28T09:00:00Z"), zone));
        // 07:30 local on the 28th is still 23:30 UTC on the 27th: the local date counts.
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T16:00:00Z"), LightningRules.DayStart(DateTimeOffset.Parse("2026-11-27T23:30:00Z"), zone));
    }

    [Fact]
    public void First_time_speakers_go_first_only_when_the_session_asks_for_it()
    {
        TalkRow T(long seq, bool first) => new() { Id = seq, Seq = seq, FirstTimer = first, Status = TalkStatuses.Waitlisted };
        TalkRow[] waiting = [T(1, false), T(2, true), T(3, false), T(4, true)];
        Assert.Equal([1L, 2, 3, 4], LightningRules.QueueOrder(waiting, false).Select(t => t.Seq));
        Assert.Equal([2L, 4, 1, 3], LightningRules.QueueOrder(waiting, true).Select(t => t.Seq));
    }

    [Fact]
    public void Held_back_slots_are_only_for_sign_ups_made_on_the_day()
    {
        var s = new LightningSessionRow { DurationMinutes = 15, SlotMinutes = 5, ChangeoverMinutes = 0, HeldBack = 1 };
        Assert.Equal(SlotPools.Open, LightningRules.FreePool(s, 1, 0, false, false));
        Assert.Null(LightningRules.FreePool(s, 2, 0, false, false));
        Assert.Null(LightningRules.FreePool(s, 2, 0, false, true));
        Assert.Equal(SlotPools.Held, LightningRules.FreePool(s, 2, 0, true, true));
        Assert.Null(LightningRules.FreePool(s, 2, 1, true, true));
    }

    [Fact]
    public void Only_real_pdfs_pass_the_content_check()
    {
        Assert.True(LightningRules.LooksLikePdf("%PDF-1.7\n"u8));
        Assert.False(LightningRules.LooksLikePdf("\x89PNG\r\n"u8));
        Assert.False(LightningRules.LooksLikePdf("%PD"u8));
    }
}
