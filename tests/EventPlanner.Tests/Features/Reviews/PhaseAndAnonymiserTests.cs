using EventPlanner.Web.Features.Reviews;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class PhaseAndAnonymiserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static PhaseRow Phase(string name, int opensInDays, int closesInDays, bool hide = true) =>
        new() { Name = name, OpensAt = Now.AddDays(opensInDays), ClosesAt = Now.AddDays(closesInDays), HideSpeakers = hide };

    [Fact]
    public void The_open_phase_rules_otherwise_the_last_closed_one_and_without_phases_names_are_hidden()
    {
        var first = Phase("first", -10, -2, hide: true);
        var second = Phase("second", -1, 5, hide: false);
        var third = Phase("third", 6, 9);

        Assert.Equal(("second", true), (PhaseRules.Effective([first, second, third], Now).Phase!.Name, PhaseRules.Effective([first, second, third], Now).IsOpen));
        var between = PhaseRules.Effective([first, third], Now);
        Assert.Equal("first", between.Phase!.Name);
        Assert.False(between.IsOpen);
        Assert.Equal("third", PhaseRules.Effective([third], Now).Phase!.Name);
        Assert.True(PhaseRules.Effective([], Now).HideSpeakers);
        Assert.False(PhaseRules.Effective([], Now).IsOpen);
    }

    [Fact]
    public void Other_reviews_show_always_after_the_own_review_or_never_as_the_phase_says()
    {
        EffectivePhase With(string others) => new(new PhaseRow { OtherScores = others }, true);

        Assert.True(PhaseRules.ShowsOthers(With(PhaseRules.Always), reviewedIt: false));
        Assert.False(PhaseRules.ShowsOthers(With(PhaseRules.AfterOwn), reviewedIt: false));
        Assert.True(PhaseRules.ShowsOthers(With(PhaseRules.AfterOwn), reviewedIt: true));
        Assert.False(PhaseRules.ShowsOthers(With(PhaseRules.Never), reviewedIt: true));
    }

    [Fact]
    public void Scrubbing_takes_out_names_addresses_affiliations_and_links_but_not_short_words()
    {
        var speaker = new SpeakerIdentity
        {
            Name = "Zebedee Quartermaine", DisplayName = "zeb", Email = "zebedee.q@example.org", Affiliation = "Acme Widgets",
            Links = "[\"https://zebedee.example.net/\"]",
        };

        var text = Anonymiser.Scrub("I am Zebedee Quartermaine (zebedee.q@example.org) of ACME WIDGETS; see https://zebedee.example.net/ or ask Quartermaine. The zebra ate.", [speaker]);

        Assert.DoesNotContain("Zebedee", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quartermaine", text);
        Assert.DoesNotContain("example.org", text);
        Assert.DoesNotContain("Acme", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.net", text);
        Assert.Contains("The zebra ate.", text);
        Assert.Contains(Anonymiser.Mark, text);
    }
}
