namespace EventPlanner.Web.Features.Tickets;

/// <summary>A transfer's statuses as the transfer code reads them, and the one wording for why a step cannot happen.</summary>
public static class TransferStatuses
{
    /// <summary>An offer in one of these is live: the ticket cannot be offered again, or given back, without ending it.</summary>
    public static readonly string[] Live = ["open", "chosen", "awaiting_approval"];

    public static string Describe(string status) => status switch
    {
        "completed" => "This ticket has already been handed over.",
        "cancelled" => "The holder cancelled this offer.",
        "expired" => "This offer has expired.",
        "declined" => "This offer was declined.",
        "refused" => "The organisers did not approve this transfer.",
        "awaiting_approval" => "This transfer is waiting for an organiser's approval.",
        "chosen" => "Someone has already been chosen for this ticket.",
        _ => "This offer is not open.",
    };
}
