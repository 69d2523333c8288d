using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class AttendeeRulesTests
{
    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("ZOË", "zoe")]
    [InlineData("Nur Aisyah", "nur aisyah")]
    [InlineData("Łukasz", "łukasz")]
    [InlineData("  İpek ", "i̇pek")]
    public void Fold_drops_case_and_accents(string text, string folded) => Assert.Equal(folded.Normalize().Replace("\u0307", ""), AttendeeRules.Fold(text).Replace("\u0307", ""));

    [Theory]
    [InlineData("ana@example.org", "a•••@example.org")]
    [InlineData("x@y", "x•••@y")]
    [InlineData("no-at-sign", "another address")]
    public void The_desk_sees_only_a_hint_of_the_email(string email, string hint) => Assert.Equal(hint, AttendeeRules.EmailHint(email));

    [Theory]
    [InlineData("a", false)]
    [InlineData(" é ", false)]
    [InlineData("ab", true)]
    [InlineData("", false)]
    public void The_desk_needs_two_characters(string q, bool ok)
    {
        var v = new Validator();
        Assert.Equal(ok, AttendeeRules.ReadDeskQuery(q, v) is not null);
        Assert.Equal(!ok, v.Errors.ContainsKey("q"));
    }

    [Fact]
    public void An_email_matches_at_the_desk_only_from_its_start_and_with_the_at()
    {
        var row = new AttendeeRow { HolderName = "Ana", Email = "ana.lim@example.org" };
        Assert.True(AttendeeRules.MatchesAtDesk(row, "ana.lim@"));
        Assert.False(AttendeeRules.MatchesAtDesk(row, "lim@"));
        Assert.False(AttendeeRules.MatchesAtDesk(row, "example"));
        Assert.True(AttendeeRules.Matches(row, "example"));
    }

    [Fact]
    public void States_and_pages_outside_the_list_are_field_messages()
    {
        var v = new Validator();
        AttendeeRules.ReadFilter("ok", 3, "lost", v);
        AttendeeRules.ReadPage(-1, v);
        Assert.Equal(["page", "state"], v.Errors.Keys.Order());
        Assert.Equal(AttendeeStates.CheckedIn, AttendeeStates.Of("valid", DateTimeOffset.UnixEpoch));
        Assert.Equal(AttendeeStates.Cancelled, AttendeeStates.Of("cancelled", null));
    }
}
