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
    public const string TicketCheckedIn = "ticket.checked_in";
    public const string CfpOpened = "cfp.opened";
    public const string CfpClosed = "cfp.closed";
    public const string CommunityBlockApproved = "community.block_approved";
    public const string BofBooked = "bof.booked";
    public const string BofCancelled = "bof.cancelled";
    public const string LightningLineupLocked = "lightning.lineup_locked";

    /// <summary>Every type with the line organisers read beside its checkbox, in the order they see them.</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> All =
    [
        (ScheduleReleased, "A schedule version is released (also automatic releases by BoFs, community rooms and lightning talks)"),
        (SessionChanged, "A session is added, moved, changes room or its line-up, in a release"),
        (SessionCancelled, "A session is cancelled, in a release"),
        (ProposalStateChanged, "Decisions on proposals are released to their speakers (no reviewer data)"),
        (TicketIssued, "A ticket is issued, at registration or when an organiser's approval or payment confirms it (type and counts only, no personal data)"),
        (TicketTransferred, "A ticket changes holder (no personal data)"),
        (TicketCheckedIn, "A ticket is checked in at the door (ticket id, type and time only, no personal data)"),
        (CfpOpened, "The call for papers opens (by its opening time, or when an organiser sets it open now)"),
        (CfpClosed, "The call for papers closes (by its closing time, or when an organiser closes it early)"),
        (CommunityBlockApproved, "A community group's room block is approved (by an organiser, or the group accepting a proposed room)"),
        (BofBooked, "A BoF is booked into a slot, or moved to another"),
        (BofCancelled, "A booked BoF is cancelled"),
        (LightningLineupLocked, "A lightning talk line-up is locked and published"),
    ];

    public static bool IsKnown(string type) => All.Any(t => t.Name == type);
}
