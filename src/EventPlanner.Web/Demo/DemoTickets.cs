using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Demo tickets for one event: three types, registrations, a check-in, a completed direct transfer and an
/// open board offer with a request. Goes through the real stores, so the demo shows what the app does.
/// Needs the event to lie in the future (transfers close when it starts) and at least four attendees for the
/// whole story; with fewer it seeds what it can. Running it twice adds nothing twice for the types.
/// </summary>
public static class DemoTickets
{
    public static async Task SeedAsync(IServiceProvider services, string eventSlug, IReadOnlyList<long> attendeeUserIds)
    {
        var events = services.GetRequiredService<EventStore>();
        var types = services.GetRequiredService<TicketTypeStore>();
        var registrations = services.GetRequiredService<RegistrationStore>();
        var checkIns = services.GetRequiredService<CheckInStore>();
        var transfers = services.GetRequiredService<TransferStore>();
        var board = services.GetRequiredService<TransferBoardStore>();
        var ev = await events.FindAsync(eventSlug) ?? throw new InvalidOperationException($"No event '{eventSlug}' to seed tickets for.");
        var organiserId = (await services.GetRequiredService<TeamStore>().ListTeamAsync(ev.Id)).FirstOrDefault(m => m.Role == "organiser")?.UserId ?? attendeeUserIds.FirstOrDefault();

        var existing = await types.ListAsync(ev.Id);
        async Task<TicketTypeRow> TypeAsync(TicketTypeInput input)
        {
            if (existing.FirstOrDefault(t => t.Name == input.Name) is { } found) return found;
            var v = new Validator();
            var values = TicketRules.Validate(input, v);
            var row = values is null ? null : await types.CreateAsync(ev.Id, values, v);
            return row ?? throw new InvalidOperationException($"Could not create the demo ticket type '{input.Name}': " + string.Join("; ", v.Errors.SelectMany(e => e.Value)));
        }

        var community = await TypeAsync(new TicketTypeInput("Community", "Talks, hallway track and lunch. Free thanks to our sponsors.", 0m, "MYR", 200,
            null, null, 2, false, TicketRules.Transferable, 7, 7, false, 0));
        var supporter = await TypeAsync(new TicketTypeInput("Supporter", "Everything in Community, plus the conference dinner; helps fund travel grants.", 150m, "MYR", 50,
            null, null, 1, false, TicketRules.TransferableWithApproval, 7, 14, false, 1));
        await TypeAsync(new TicketTypeInput("Speaker", "Complimentary ticket for accepted speakers.", 0m, "MYR", 0,
            null, null, 1, false, TicketRules.NotTransferable, null, null, true, 2));

        var tickets = new List<TicketRow>();
        foreach (var (userId, i) in attendeeUserIds.Select((id, i) => (id, i)))
        {
            var v = new Validator();
            var result = await registrations.RegisterAsync(ev.Id, userId, community.Id, [new Attendee($"Attendee {i + 1}", TicketRules.TshirtSizes[1 + i % 6], i % 3 == 0 ? "vegetarian" : "")], true, v);
            if (result.Value?.OrderId is { } orderId && await registrations.FindOrderAsync(orderId) is { } order) tickets.AddRange(order.Tickets);
        }
        if (attendeeUserIds.Count > 0)
        {
            // One supporter order waiting for the organisers to mark it paid.
            await registrations.RegisterAsync(ev.Id, attendeeUserIds[0], supporter.Id, [new Attendee("Supporter", "L", "")], true, new Validator());
        }
        if (tickets.Count > 1) await checkIns.CheckInAsync(ev.Id, tickets[1].Secret, organiserId);

        if (tickets.Count > 3)
        {
            // A completed direct transfer: the third attendee hands their ticket to the fourth.
            var to = await registrations.ListHeldAsync(attendeeUserIds[3]);
            var recipientEmail = to.FirstOrDefault()?.HolderEmail ?? throw new InvalidOperationException("The fourth attendee has no ticket to read their email from.");
            var v = new Validator();
            var direct = await transfers.OfferDirectAsync(attendeeUserIds[2], tickets[2].Id, recipientEmail, to[0].HolderName, "Family matters; enjoy the conference!", v);
            if (direct?.Token is { } token) await transfers.AcceptAsync(token, attendeeUserIds[3], new Attendee(to[0].HolderName, "M", ""), v);

            // An open board offer with one request.
            var offer = await transfers.OfferToCommunityAsync(attendeeUserIds[3], tickets[3].Id, "For an established FOSS developer who could not otherwise get funding.", false, v);
            if (offer is not null) await board.RequestAsync(ev.Id, offer.Id, attendeeUserIds[0], "I maintain a packaging tool; my employer does not fund travel.", v);
        }
    }
}
