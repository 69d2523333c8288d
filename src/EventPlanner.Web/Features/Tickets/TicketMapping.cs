namespace EventPlanner.Web.Features.Tickets;

public static class TicketMapping
{
    public static TicketTypeResponse AsResponse(this TicketTypeRow t) =>
        new(t.Id, t.Name, t.Description, TicketRules.Price(t.PriceCents), t.Currency, t.Quota, t.Available, t.Waiting,
            t.SaleStartsAt, t.SaleEndsAt, t.PerOrderLimit, t.RequiresApproval, t.Transferability, t.TransferDeadlineDays,
            t.CancelDeadlineDays, t.IsSpeakerType);

    public static TicketResponse AsResponse(this TicketRow t, DateTimeOffset now) =>
        new(t.Id, t.EventSlug, t.EventName, t.TypeName, t.Status, t.Secret, $"/tickets/{t.Secret}", $"/tickets/{t.Secret}/qr.png",
            t.BadgeName, t.TshirtSize, t.Dietary, t.CheckedInAt, TicketRules.TransferRefusal(t, now) is null);

    public static OrderResponse AsResponse(this OrderRow o, IEnumerable<TicketRow> tickets, DateTimeOffset now) =>
        new(o.Id, o.TypeName, o.Quantity, TicketRules.Price(o.PriceCents), o.Currency, o.Approval, o.Payment, o.Status,
            o.BuyerName, o.BuyerEmail, tickets.Select(t => t.AsResponse(now)).ToList());

    public static WaitingResponse AsResponse(this WaitingRow w) => new(w.Id, w.EventSlug, w.TypeName, w.Status, w.Position, w.OfferExpiresAt);

    public static TransferResponse AsResponse(this TransferRow x) =>
        new(x.Id, x.TicketId, x.EventSlug, x.TypeName, x.Kind, x.Status, x.FromName, x.RecipientName, x.RecipientEmail, x.Note, x.AutoFirst, x.Requests, x.ExpiresAt);

    public static TransferRequestResponse AsResponse(this TransferRequestRow r) => new(r.Id, r.RequesterName, r.Message, r.Status, r.CreatedAt);

    public static HolderChangeResponse AsResponse(this HolderChangeRow h) =>
        new(h.TicketId, h.TypeName, h.FromName, h.ToName, h.ActorName, h.ApprovedByName, h.Reason, h.ChangedAt);

    public static CheckInResponse AsResponse(this CheckInResult r, string timeZone) =>
        new(r.Outcome, CheckInOutcomes.Describe(r.Outcome, r.When, timeZone), r.Ticket?.Id, r.Ticket?.HolderName, r.Ticket?.BadgeName,
            r.Ticket?.TypeName, r.Outcome is CheckInOutcomes.Accepted or CheckInOutcomes.AlreadyCheckedIn ? r.When : null);

    public static TypeCountResponse AsResponse(this TypeCountRow r) => new(r.TicketTypeId, r.TypeName, r.Valid, r.CheckedIn);

    public static StaffResponse AsResponse(this StaffRow s) => new(s.UserId, s.Email, s.DisplayName);
}
