using System.Data;
using System.Globalization;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// Who the tickets feature tells what, and the one place that decides how it leaves. Stores write through
/// <see cref="Outbox.WriteWithNoticesAsync{T}"/> and add these to its <see cref="OutboxBatch"/> inside the write
/// transaction (each is written to the outbox on that connection and transaction, so it commits or rolls back with
/// the change); the outbox kicks delivery after the commit. Dedupe keys name the fact and the recipient, so a retried
/// request or a job run twice tells nobody twice.
/// </summary>
public sealed class TicketNotices
{
    /// <summary>"Monday 30 November 2026, 23:59 (Asia/Kuala_Lumpur)": deadlines in the event's own time.</summary>
    public static string When(DateTimeOffset at, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }

    private static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    // An address in a key is lower-cased: the same person is one recipient however the holder typed it.
    private static string Key(string address) => address.Trim().ToLowerInvariant();

    public NotificationRequest TicketConfirmed(Person to, long eventId, long ticketId, string typeName, string attendee, string secret) =>
        new($"ticket-confirmed:{ticketId}:{to.Id}", TicketNotificationKinds.TicketConfirmed.Name, to.Id, eventId,
            Values(("ticket_type", typeName), ("attendee", string.IsNullOrWhiteSpace(attendee) ? to.Name : attendee), ("ticket_link", $"/tickets/{secret}")));

    public NotificationRequest RegistrationPending(Person to, long eventId, long orderId, string typeName, string waitingFor) =>
        new($"registration-pending:{orderId}:{to.Id}", TicketNotificationKinds.RegistrationPending.Name, to.Id, eventId,
            Values(("ticket_type", typeName), ("waiting_for", waitingFor), ("my_tickets_link", "/my/tickets")));

    public NotificationRequest RegistrationRefused(Person to, long eventId, long orderId, string typeName) =>
        new($"registration-refused:{orderId}:{to.Id}", TicketNotificationKinds.RegistrationRefused.Name, to.Id, eventId,
            Values(("ticket_type", typeName)));

    public NotificationRequest WaitingListOffer(Person to, long eventId, long waitingId, string eventSlug, string typeName, DateTimeOffset expires, string timeZone) =>
        new($"waiting-list-offer:{waitingId}:{to.Id}", TicketNotificationKinds.WaitingListOffer.Name, to.Id, eventId,
            Values(("ticket_type", typeName), ("expires_at", When(expires, timeZone)), ("register_link", $"/events/{eventSlug}/tickets")));

    /// <summary>To the address the holder named, which may have no account yet.</summary>
    public NotificationRequest TransferOffered(Person from, TransferRow x, string toEmail, string toName) =>
        NotificationRequest.ForAddress($"transfer-offered:{x.Id}:{Key(toEmail)}", TicketNotificationKinds.TransferOffered.Name, toEmail, toName, x.EventId,
            Values(("from_name", from.Name), ("ticket_type", x.TypeName), ("holder_note", x.Note.Length > 0 ? $"{from.Name} wrote: “{x.Note}”" : ""),
                ("accept_link", $"/transfers/{x.Token}"), ("expires_at", When(x.ExpiresAt, x.EventTimeZone))));

    public NotificationRequest TransferOfferSent(Person from, TransferRow x, string toName) =>
        new($"transfer-offer-sent:{x.Id}:{from.Id}", TicketNotificationKinds.TransferOfferSent.Name, from.Id, x.EventId,
            Values(("to_name", toName), ("expires_at", When(x.ExpiresAt, x.EventTimeZone))));

    public NotificationRequest TicketHandedOver(Person from, Person to, TransferRow x) =>
        new($"transfer-accepted:{x.Id}:{from.Id}", TicketNotificationKinds.TicketHandedOver.Name, from.Id, x.EventId,
            Values(("new_holder", to.Name)));

    public NotificationRequest TicketReceived(Person to, Person from, TransferRow x, string secret) =>
        new($"transfer-accepted:{x.Id}:{to.Id}", TicketNotificationKinds.TicketReceived.Name, to.Id, x.EventId,
            Values(("from_name", from.Name), ("ticket_type", x.TypeName), ("ticket_link", $"/tickets/{secret}")));

    public NotificationRequest TransferAwaitingApproval(Person to, TransferRow x) =>
        new($"transfer-awaiting-approval:{x.Id}:{to.Id}", TicketNotificationKinds.TransferAwaitingApproval.Name, to.Id, x.EventId, Values());

    public NotificationRequest TransferClosed(Person to, TransferRow x, string outcome) =>
        new($"transfer-closed:{x.Id}:{to.Id}", TicketNotificationKinds.TransferClosed.Name, to.Id, x.EventId, Values(("outcome", outcome)));

    /// <summary>The named recipient of a direct offer, who may have no account.</summary>
    public NotificationRequest TransferClosed(string toEmail, string toName, TransferRow x, string outcome) =>
        NotificationRequest.ForAddress($"transfer-closed:{x.Id}:{Key(toEmail)}", TicketNotificationKinds.TransferClosed.Name, toEmail, toName, x.EventId,
            Values(("outcome", outcome)));

    public NotificationRequest RequestChosen(Person to, Person holder, TransferRow x, long requestId, string token) =>
        new($"request-chosen:{requestId}:{to.Id}", TicketNotificationKinds.BoardRequestChosen.Name, to.Id, x.EventId,
            Values(("holder_name", holder.Name), ("accept_link", $"/transfers/{token}"), ("expires_at", When(x.ExpiresAt, x.EventTimeZone))));

    /// <summary>An offer lapsing within a day: the recipient is reminded (with the link), and the holder told it is still open.</summary>
    public IEnumerable<NotificationRequest> TransferExpiring(WaitingTransfer w)
    {
        var expires = When(w.ExpiresAt, w.TimeZone);
        var values = Values(("from_name", w.FromName), ("accept_link", $"/transfers/{w.Token}"), ("expires_at", expires));
        string toName;
        if (w.Kind == "direct" && w.RecipientEmail is { } email)
        {
            toName = string.IsNullOrWhiteSpace(w.RecipientName) ? email : w.RecipientName;
            yield return NotificationRequest.ForAddress($"transfer-expiring:{w.Id}:{Key(email)}", TicketNotificationKinds.TransferExpiringReminder.Name,
                email, w.RecipientName, w.EventId, values);
        }
        else if (w.RecipientUserId is { } userId)
        {
            toName = w.ChosenName ?? "the person you chose";
            yield return new NotificationRequest($"transfer-expiring:{w.Id}:{userId}", TicketNotificationKinds.TransferExpiringReminder.Name, userId, w.EventId, values);
        }
        else yield break;
        yield return new NotificationRequest($"transfer-expiring-holder:{w.Id}:{w.FromUserId}", TicketNotificationKinds.TransferExpiringHolderReminder.Name,
            w.FromUserId, w.EventId, Values(("to_name", toName), ("expires_at", expires), ("my_tickets_link", "/my/tickets")));
    }

    public NotificationRequest OfferGone(Person to, TransferRow x) =>
        new($"offer-gone:{x.Id}:{to.Id}", TicketNotificationKinds.BoardOfferGone.Name, to.Id, x.EventId, Values());
}

/// <summary>Someone a notification goes to.</summary>
public sealed record Person
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
}
