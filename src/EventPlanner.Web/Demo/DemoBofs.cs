using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// BoFs at the demo event: the two side rooms are BoF rooms with lunch-break and evening slots (the rooms stay open
/// until 21:00 on the first day), a self-hosting BoF that gathered enough interest and booked the first evening, and
/// a translation BoF still gathering interest. Runs once (it stops when the event has a BoF).
/// </summary>
public sealed class DemoBofs : IDemoPart
{
    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var store = services.GetRequiredService<BofStore>();
        if ((await store.ListAsync(e.Id, null, ct)).Bofs.Count > 0) return;
        var board = await services.GetRequiredService<ScheduleQueries>().LoadAsync(e, ct);
        var ubuntu = board.Rooms.FirstOrDefault(r => r.Name == "Room Ubuntu");
        var fedora = board.Rooms.FirstOrDefault(r => r.Name == "Room Fedora");
        if (ubuntu is null || fedora is null || board.Days.Count < 2 || data.Attendees.Count < 4 || data.Speakers.Count < 2) return;
        var (saturday, sunday) = (board.Days[0].Date, board.Days[1].Date);

        var setup = services.GetRequiredService<BofSetupStore>();
        var v = new Validator();
        await setup.SaveAsync(e, BofRules.DefaultThreshold, [ubuntu.Id, fedora.Id], v, ct);
        var sessions = services.GetRequiredService<SessionStore>();
        foreach (var room in new[] { ubuntu, fedora })
        {
            await sessions.SetRoomHoursAsync(e.Id, room.Id, saturday, (board.Days[0].OpensAt, new TimeOnly(21, 0)), ct);
        }
        var slots = new Dictionary<string, long>();
        foreach (var (name, room, date, starts, ends) in new[]
        {
            ("sat-lunch", fedora, saturday, "12:05", "12:55"),
            ("sat-evening", ubuntu, saturday, "18:30", "19:30"),
            ("sat-late", fedora, saturday, "19:30", "20:30"),
            ("sun-lunch", fedora, sunday, "12:05", "12:55"),
        })
        {
            var values = BofRules.ValidateSlot(new BofSlotInput(room.Id, date.ToString("yyyy-MM-dd"), starts, ends), e, v);
            if (values is null || await setup.AddSlotAsync(e, values, v, ct) is not { } slot) throw Failed(v);
            slots[name] = slot.Id;
            data.CountAdded();
        }

        // Jason's self-hosting BoF: five people said they'd come, so he booked the Saturday evening.
        var jason = data.Attendees[1];
        var selfHosting = await ProposeAsync(store, e, jason.Id, "Self-hosting for community groups: Matrix, Nextcloud and friends",
            "What does your user group run itself, on what hardware, and who gets paged when it breaks? Bring your war stories and your docker-compose files.", v, ct);
        var fans = new[] { data.Attendees[0], data.Attendees[2], data.Attendees[3], data.Speakers[0], data.Speakers[1] };
        foreach (var fan in fans) await InterestAsync(store, e, selfHosting, fan.Id, data, v, ct);
        var booked = await services.GetRequiredService<BofBookings>().BookAsync(e, selfHosting, slots["sat-evening"], jason.Id, false, v, ct);
        if (!booked.IsOk) throw new InvalidOperationException($"Demo BoF booking: {booked.Kind} {booked.Message} {string.Join("; ", v.Errors.SelectMany(x => x.Value))}");
        data.CountAdded();

        // Kavitha's translation BoF still needs three more people.
        var kavitha = data.Attendees[2];
        var translations = await ProposeAsync(store, e, kavitha.Id, "Bahasa Melayu translations: GNOME, KDE and LibreOffice",
            "Coordinating terminology across projects, reviewing each other's strings, and getting new translators started.", v, ct);
        foreach (var fan in new[] { data.Attendees[0], data.Speakers[2 % data.Speakers.Count] }) await InterestAsync(store, e, translations, fan.Id, data, v, ct);
    }

    private static async Task<long> ProposeAsync(BofStore store, Features.Events.EventRow e, long userId, string title, string description, Validator v, CancellationToken ct)
    {
        if (await store.ProposeAsync(e, userId, (title, description), v, ct) is not { } row) throw Failed(v);
        return row.Id;
    }

    private static async Task InterestAsync(BofStore store, Features.Events.EventRow e, long bofId, long userId, DemoData data, Validator v, CancellationToken ct)
    {
        if (await store.SetInterestAsync(e, bofId, userId, true, v, ct) is null || v.HasErrors) throw Failed(v);
        data.CountAdded();
    }

    private static InvalidOperationException Failed(Validator v) => new("Demo BoFs: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
}
