namespace EventPlanner.Web.Infrastructure.Webhooks;

/// <summary>
/// The event types a webhook endpoint may subscribe to. Here, below the features, so a feature publishes a type
/// without knowing who delivers it, and Features/Webhooks checks subscriptions against the same list.
/// </summary>
public static class WebhookEventTypes
{
    public const string ScheduleReleased = "schedule.released";
    public const string SessionChanged = "session.changed";
    public const string SessionCancelled = "session.cancelled";
    public const string ProposalStateChanged = "proposal.state_changed";
    public const string TicketIssued = "ticket.issued";
    public const string TicketTransferred = "ticket.transferred";

    /// <summary>Every type with the line organisers read beside its checkbox, in the order they see them.</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> All =
    [
        (ScheduleReleased, "A schedule version is released (also automatic releases by BoFs, community rooms and lightning talks)"),
        (SessionChanged, "A session is added, moved, changes room or its line-up, in a release"),
        (SessionCancelled, "A session is cancelled, in a release"),
        (ProposalStateChanged, "Decisions on proposals are released to their speakers (no reviewer data)"),
        (TicketIssued, "A ticket is issued (type and counts only, no personal data)"),
        (TicketTransferred, "A ticket changes holder (no personal data)"),
    ];

    public static bool IsKnown(string type) => All.Any(t => t.Name == type);
}
