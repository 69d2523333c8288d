namespace EventPlanner.Web.Demo;

/// <summary>Ticket types, registrations, a check-in, a completed transfer and an open board offer (see <see cref="DemoTickets"/>).</summary>
public sealed class DemoTicketsPart : IDemoPart
{
    public Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct) =>
        DemoTickets.SeedAsync(services, data.RequireEvent().Slug, data.Attendees.Select(a => a.Id).ToList());
}
