using System.Data;
using System.Globalization;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// Every mail the tickets feature sends, and the one place that decides how they leave. Stores open a
/// <see cref="Batch"/>, add mails inside their write transaction, and send the batch after the commit.
/// When the transactional outbox lands, <see cref="Batch.Add"/> writes the outbox row on the same
/// connection and transaction and <see cref="Batch.SendAsync"/> has nothing left to do: only this file changes.
/// </summary>
public sealed class TicketNotices(IMailSender mail, AppUrls urls, ILogger<TicketNotices> logger)
{
    private readonly IMailSender _mail = mail;
    private readonly ILogger _logger = logger;

    public Batch Begin() => new(this);

    public sealed class Batch(TicketNotices owner)
    {
        private readonly List<OutgoingMail> _mails = [];

        public IReadOnlyList<OutgoingMail> Pending => _mails;

        // The connection and transaction are taken now so the outbox can write in the same transaction later.
        public void Add(IDbConnection c, IDbTransaction tx, OutgoingMail? m)
        {
            if (m is not null) _mails.Add(m);
        }

        /// <summary>Sends what was added; call it only after the transaction committed.</summary>
        public async Task SendAsync(CancellationToken ct = default)
        {
            foreach (var m in _mails)
            {
                try
                {
                    await owner._mail.SendAsync(m, ct);
                }
                catch (Exception e)
                {
                    // The change is committed; a lost mail must not turn it into an error page.
                    owner._logger.LogError(e, "Could not send ticket mail '{Subject}' to {To}", m.Subject, m.ToAddress);
                }
            }
            _mails.Clear();
        }
    }

    private string Link(string path) => urls.Absolute(path);

    private static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public OutgoingMail TicketConfirmed(Person to, string eventName, string typeName, IReadOnlyList<string> secrets)
    {
        var links = string.Join("\n", secrets.Select(s => "  " + Link($"/tickets/{s}")));
        return new(to.Email, to.Name, $"Your ticket for {eventName}",
            $"Hello {to.Name},\n\nYou are registered for {eventName} ({typeName}). " +
            $"Your ticket{(secrets.Count == 1 ? "" : "s")}, with the QR code to show at the door:\n{links}\n\n" +
            "Keep the link to yourself: whoever has it can show the ticket.\n");
    }

    public OutgoingMail RegistrationPending(Person to, string eventName, string typeName, string waitingFor) =>
        new(to.Email, to.Name, $"Registration received for {eventName}",
            $"Hello {to.Name},\n\nWe have your registration for {eventName} ({typeName}). It is waiting for {waitingFor}; " +
            $"we will write again when your ticket is confirmed. Your tickets: {Link("/my/tickets")}\n");

    public OutgoingMail RegistrationRefused(Person to, string eventName, string typeName) =>
        new(to.Email, to.Name, $"Registration not accepted for {eventName}",
            $"Hello {to.Name},\n\nThe organisers of {eventName} could not accept your registration ({typeName}).\n");

    public OutgoingMail WaitingListOffer(Person to, string eventName, string eventSlug, string typeName, DateTimeOffset expires) =>
        new(to.Email, to.Name, $"A ticket for {eventName} is free for you",
            $"Hello {to.Name},\n\nA {typeName} ticket for {eventName} came free and you are first on the waiting list. " +
            $"It is held for you until {When(expires)}. Register here: {Link($"/events/{eventSlug}/tickets")}\n");

    public OutgoingMail TransferOffered(Person from, string toEmail, string toName, string eventName, string typeName, string token, DateTimeOffset expires, string note) =>
        new(toEmail, toName, $"{from.Name} offers you a ticket for {eventName}",
            $"Hello {toName},\n\n{from.Name} would like to give you their {typeName} ticket for {eventName}." +
            (note.Length > 0 ? $"\n\nTheir note: {note}" : "") +
            $"\n\nSign in (or create an account), answer a few questions and accept it here before {When(expires)}:\n  {Link($"/transfers/{token}")}\n");

    public OutgoingMail TransferOfferSent(Person from, string toName, string eventName, DateTimeOffset expires) =>
        new(from.Email, from.Name, $"You offered your ticket for {eventName}",
            $"Hello {from.Name},\n\nYou offered your ticket for {eventName} to {toName}. It stays yours until they accept " +
            $"(the offer lapses at {When(expires)}); you can cancel it from your ticket page meanwhile.\n");

    public OutgoingMail TransferAcceptedToOldHolder(Person from, Person to, string eventName) =>
        new(from.Email, from.Name, $"{to.Name} accepted your ticket for {eventName}",
            $"Hello {from.Name},\n\n{to.Name} accepted your ticket for {eventName}. The ticket is theirs now; " +
            "your old ticket link and QR code no longer work. Thank you for passing it on.\n");

    public OutgoingMail TransferAcceptedToNewHolder(Person to, Person from, string eventName, string typeName, string secret) =>
        new(to.Email, to.Name, $"Your ticket for {eventName}",
            $"Hello {to.Name},\n\nThe {typeName} ticket for {eventName} from {from.Name} is yours. " +
            $"Your ticket, with the QR code to show at the door:\n  {Link($"/tickets/{secret}")}\n");

    public OutgoingMail TransferAwaitingApproval(Person to, string eventName) =>
        new(to.Email, to.Name, $"Ticket transfer for {eventName} waits for the organisers",
            $"Hello {to.Name},\n\nThe ticket transfer for {eventName} has been accepted and now waits for an organiser's approval. " +
            "We will write again when they decide.\n");

    public OutgoingMail TransferClosed(string toEmail, string toName, string eventName, string why) =>
        new(toEmail, toName, $"Ticket transfer for {eventName}: {why}",
            $"Hello {toName},\n\nThe ticket transfer for {eventName} was {why}. The ticket stays with its holder.\n");

    public OutgoingMail RequestChosen(Person to, Person holder, string eventName, string token, DateTimeOffset expires) =>
        new(to.Email, to.Name, $"{holder.Name} chose you for a ticket to {eventName}",
            $"Hello {to.Name},\n\n{holder.Name} chose your request for their ticket to {eventName}. " +
            $"Answer a few questions and accept it here before {When(expires)}:\n  {Link($"/transfers/{token}")}\n");

    public OutgoingMail OfferGone(Person to, string eventName) =>
        new(to.Email, to.Name, $"The ticket you asked for ({eventName}) has gone",
            $"Hello {to.Name},\n\nThe ticket you asked for on the {eventName} board has gone to someone else or was withdrawn. " +
            "Thank you for asking; keep an eye on the board for other offers.\n");
}

/// <summary>Someone a mail goes to.</summary>
public sealed record Person
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
}
