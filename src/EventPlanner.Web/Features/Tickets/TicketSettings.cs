namespace EventPlanner.Web.Features.Tickets;

/// <summary>Offer and transfer lifetimes; configurable under EventPlanner:Tickets.</summary>
public sealed class TicketSettings(IConfiguration configuration)
{
    public TimeSpan WaitingListOfferLifetime { get; } = TimeSpan.FromHours(configuration.GetValue("EventPlanner:Tickets:WaitingListOfferHours", 48));
    public TimeSpan TransferOfferLifetime { get; } = TimeSpan.FromDays(configuration.GetValue("EventPlanner:Tickets:TransferOfferDays", 7));
}
