using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Which state a call for papers is in by its configured times, and which webhook a change of state publishes.
/// Plain code, so the sweep's decisions unit-test without a clock or a host.
/// </summary>
public static class CfpWebhookRules
{
    public const string Upcoming = "upcoming";
    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary>Null when the call has no opening or closing time yet (nothing to announce).</summary>
    public static string? StateAt(DateTimeOffset? opensAt, DateTimeOffset? closesAt, DateTimeOffset now) =>
        opensAt is not { } opens || closesAt is not { } closes ? null
        : now < opens ? Upcoming
        : now < closes ? Open
        : Closed;

    /// <summary>
    /// The type to publish when the state last announced was <paramref name="announced"/> (null: never) and is now
    /// <paramref name="current"/>, or null. Opening (also re-opening after a deadline was extended) publishes cfp.opened,
    /// closing cfp.closed (also when the whole window passed unseen, so a receiver always learns the call is closed);
    /// moving the opening back into the future publishes nothing (the call will open again, and say so then).
    /// </summary>
    public static string? TypeFor(string? announced, string current) =>
        announced == current ? null
        : current == Open ? WebhookEventTypes.CfpOpened
        : current == Closed ? WebhookEventTypes.CfpClosed
        : null;
}
