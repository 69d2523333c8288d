using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ChangelogRulesTests
{
    private static readonly DateTimeOffset At = new(2027, 2, 6, 16, 0, 0, TimeSpan.Zero);

    private static SnapSession Lightning(params SnapPart[] parts) =>
        new(7, "g-7", SessionKinds.Lightning, "Lightning talks", "", "", "", null, null, null, 1, "Main Hall", At, 45, [], Parts: parts);

    private static ReleaseSnapshot Release(int number, params SnapSession[] sessions) =>
        new(number, At, "Event", "event", "UTC", new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 6), "", [], [new SnapRoom(1, "Main Hall", 500)], [], sessions);

    [Fact]
    public void A_line_up_locked_or_reordered_is_a_change_of_its_own_but_a_new_slides_link_is_not()
    {
        var a = new SnapPart("Why Rust", "Nurul", At, 5);
        var b = new SnapPart("Matrix bridges", "Kenji", At.AddMinutes(6), 5);

        var locked = ChangelogRules.Diff(Release(1, Lightning()), Release(2, Lightning(a, b)));
        var reordered = ChangelogRules.Diff(Release(2, Lightning(a, b)), Release(3, Lightning(b with { StartsAt = At }, a with { StartsAt = At.AddMinutes(6) })));
        var slides = ChangelogRules.Diff(Release(3, Lightning(a, b)), Release(4, Lightning(a with { Link = "https://example.org/why-rust.pdf" }, b)));

        Assert.Equal([ChangeKinds.LineUpChanged], locked.Select(c => c.Kind));
        Assert.Equal([ChangeKinds.LineUpChanged], reordered.Select(c => c.Kind));
        Assert.Empty(slides);
        Assert.Equal("Line-up changed", ChangeKinds.Label(locked[0].Kind));
    }
}
