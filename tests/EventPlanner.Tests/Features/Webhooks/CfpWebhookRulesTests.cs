using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Tests.Features.Webhooks;

[Trait("Engine", "Both")]
public sealed class CfpWebhookRulesTests
{
    private static readonly DateTimeOffset Opens = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-1, "upcoming")]
    [InlineData(0, "open")] // opens at its opening instant
    [InlineData(10, "open")]
    [InlineData(31, "closed")] // closed at its closing instant
    [InlineData(400, "closed")]
    public void The_state_follows_the_configured_times(int daysAfterOpening, string state) =>
        Assert.Equal(state, CfpWebhookRules.StateAt(Opens, Closes, Opens.AddDays(daysAfterOpening)));

    [Fact]
    public void A_call_without_both_times_has_no_state_to_announce()
    {
        Assert.Null(CfpWebhookRules.StateAt(null, Closes, Opens));
        Assert.Null(CfpWebhookRules.StateAt(Opens, null, Opens));
    }

    [Theory]
    [InlineData(null, "upcoming", null)]
    [InlineData(null, "open", WebhookEventTypes.CfpOpened)]
    [InlineData(null, "closed", WebhookEventTypes.CfpClosed)]
    [InlineData("upcoming", "open", WebhookEventTypes.CfpOpened)]
    [InlineData("upcoming", "closed", WebhookEventTypes.CfpClosed)] // the whole window passed unseen: still say it is closed
    [InlineData("open", "closed", WebhookEventTypes.CfpClosed)]
    [InlineData("closed", "open", WebhookEventTypes.CfpOpened)] // deadline extended: re-opened
    [InlineData("open", "upcoming", null)] // opening moved into the future: said when it opens
    [InlineData("open", "open", null)]
    [InlineData("closed", "closed", null)]
    public void Each_change_of_state_publishes_at_most_one_type(string? announced, string current, string? type) =>
        Assert.Equal(type, CfpWebhookRules.TypeFor(announced, current));
}
