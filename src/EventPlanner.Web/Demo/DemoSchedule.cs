using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// A released two-day schedule for the demo event: the confirmed keynote from the call for papers, invited talks in
/// the three rooms, breaks and lunch, lightning talks and a hallway track. Two releases, with a talk moved in
/// between, so the public changelog shows a move; attendees starred sessions first, so the second release holds
/// mail for them on the organisers' held-mail page; then the afternoon break moves, not yet released. Runs once (it stops when the event has a release).
/// </summary>
public sealed class DemoSchedule : IDemoPart
{
    private sealed record Item(string Title, string Kind, int Minutes, string? Track, int Speaker, int Day, string Room, string Start, string Abstract = "");

    private static readonly Item[] Programme =
    [
        new("Registration and coffee", SessionKinds.Break, 30, null, -1, 0, "Main Hall", "09:00"),
        new("Kubernetes on a shoestring", SessionKinds.Talk, 40, "Cloud & Infra", 0, 0, "Main Hall", "10:30", "Running a community cluster on donated hardware."),
        new("Securing your CI pipeline", SessionKinds.Talk, 40, "Security", 1, 0, "Room Ubuntu", "10:30", "Signed artefacts, pinned actions and least privilege."),
        new("Growing a local user group", SessionKinds.Talk, 40, "Community", 2, 0, "Room Fedora", "10:30", "From five people in a café to a monthly meetup."),
        new("Observability for small teams", SessionKinds.Talk, 40, "Cloud & Infra", 3, 0, "Main Hall", "11:15", "Metrics and logs without a platform team."),
        new("Threat modelling in an afternoon", SessionKinds.Workshop, 40, "Security", 1, 0, "Room Ubuntu", "11:15", "A hands-on session with paper and pens."),
        new("Lunch", SessionKinds.Lunch, 60, null, -1, 0, "Main Hall", "12:00"),
        new("Packaging for three distributions", SessionKinds.Talk, 40, "Cloud & Infra", 2, 0, "Room Fedora", "13:00", "One spec, three package formats."),
        new("Afternoon break", SessionKinds.Break, 15, null, -1, 0, "Main Hall", "15:00"),
        new("Lightning talks", SessionKinds.Lightning, 45, "Community", -1, 0, "Main Hall", "16:00", "Five minutes each; sign up at the desk."),
        new("Docs people actually read", SessionKinds.Talk, 40, "Community", 0, 1, "Main Hall", "09:30", "Writing documentation for newcomers."),
        new("Your first contribution, together", SessionKinds.Workshop, 90, "Community", 3, 1, "Room Ubuntu", "10:30", "Bring a laptop; leave with a merged patch."),
        new("Lunch", SessionKinds.Lunch, 60, null, -1, 1, "Main Hall", "12:00"),
        new("Hallway track", SessionKinds.Hallway, 120, null, -1, 1, "Room Fedora", "13:00", "No talks: meet people, hack, rest."),
        new("Supply-chain security for maintainers", SessionKinds.Talk, 40, "Security", 1, 1, "Main Hall", "14:00", "What SBOMs are good for, and what they are not."),
    ];

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var releases = services.GetRequiredService<ReleaseStore>();
        if ((await releases.ListAsync(e.Id, ct)).Count > 0) return;
        var store = services.GetRequiredService<SessionStore>();
        var queries = services.GetRequiredService<ScheduleQueries>();
        var agenda = services.GetRequiredService<AgendaStore>();
        var board = await queries.LoadAsync(e, ct);
        if (board.Rooms.Count == 0 || board.Days.Count < 2) return;

        data.CountAdded(await store.CreateFromConfirmedAsync(e.Id, ct));
        board = await queries.LoadAsync(e, ct);
        foreach (var keynote in board.Sessions.Where(s => s.ProposalId is not null))
        {
            await PlaceAsync(store, e, keynote, board.Rooms[0].Id, board.Days[0].Date, new TimeOnly(9, 30), ct);
        }

        var sessions = new Dictionary<string, SessionRow>();
        foreach (var item in Programme)
        {
            var v = new Validator();
            var track = board.Tracks.FirstOrDefault(t => t.Name == item.Track)?.Id;
            var speakers = item.Speaker >= 0 && item.Speaker < data.Speakers.Count ? new[] { data.Speakers[item.Speaker].Email! } : [];
            var values = new SessionValues(item.Kind, item.Title, item.Abstract, "", "English", track, item.Minutes,
                item.Kind == SessionKinds.Talk ? 45 : 0, speakers, false);
            if (await store.CreateAsync(e.Id, values, v, ct) is not { } row) throw new InvalidOperationException("Demo session: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
            data.CountAdded();
            var room = board.Rooms.FirstOrDefault(r => r.Name == item.Room) ?? board.Rooms[0];
            sessions[$"{item.Day}:{item.Title}"] = await PlaceAsync(store, e, row, room.Id, board.Days[item.Day].Date, TimeOnly.Parse(item.Start), ct);
        }

        var organiser = data.Organisers[0].Id;
        await ReleaseAsync(releases, e, organiser, NotifyModes.None, ct);

        // Attendees plan their day, then the organisers swap two talks: version 2 moves them and holds the mail.
        var observability = sessions["0:Observability for small teams"];
        var packaging = sessions["0:Packaging for three distributions"];
        for (var i = 0; i < data.Attendees.Count; i++)
        {
            await agenda.StarAsync(data.Attendees[i].Id, e.Id, (i % 2 == 0 ? observability : packaging).Id, ct);
            await agenda.StarAsync(data.Attendees[i].Id, e.Id, sessions["1:Docs people actually read"].Id, ct);
        }
        await PlaceAsync(store, e, observability, observability.RoomId!.Value, board.Days[0].Date, new TimeOnly(13, 45), ct);
        var fedora = board.Rooms.FirstOrDefault(r => r.Name == "Room Fedora")?.Id ?? packaging.RoomId!.Value;
        var ubuntu = board.Rooms.FirstOrDefault(r => r.Name == "Room Ubuntu")?.Id ?? packaging.RoomId!.Value;
        await PlaceAsync(store, e, packaging, packaging.RoomId == fedora ? ubuntu : fedora, board.Days[0].Date, new TimeOnly(13, 0), ct);
        await ReleaseAsync(releases, e, organiser, NotifyModes.Held, ct);

        // Accepted late, not on the grid yet: what "Suggest a schedule" (fill the gaps) has to place.
        foreach (var item in Unplaced)
        {
            var v = new Validator();
            var track = board.Tracks.FirstOrDefault(t => t.Name == item.Track)?.Id;
            var speakers = item.Speaker < data.Speakers.Count ? new[] { data.Speakers[item.Speaker].Email! } : [];
            var values = new SessionValues(item.Kind, item.Title, item.Abstract, "", "English", track, item.Minutes, 40, speakers, false);
            if (await store.CreateAsync(e.Id, values, v, ct) is null) throw new InvalidOperationException("Demo session: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
            data.CountAdded();
        }
        // Work in progress not released yet, so the organisers' dashboard has a schedule change to point at.
        var afternoonBreak = sessions["0:Afternoon break"];
        await PlaceAsync(store, e, afternoonBreak, afternoonBreak.RoomId!.Value, board.Days[0].Date, new TimeOnly(15, 15), ct);
    }

    private static readonly Item[] Unplaced =
    [
        new("Self-hosted CI runners on a budget", SessionKinds.Talk, 40, "Cloud & Infra", 3, 0, "", "", "Spare laptops, a queue and a lot of caching."),
        new("Incident response for volunteer projects", SessionKinds.Talk, 40, "Security", 2, 0, "", "", "Who answers the security@ mail at 3 a.m.?"),
        new("Mentoring first-time speakers", SessionKinds.Talk, 40, "Community", 0, 1, "", "", "How our meetup found twelve new speakers in a year."),
    ];

    private static async Task<SessionRow> PlaceAsync(SessionStore store, EventRow e, SessionRow s, long roomId, DateOnly date, TimeOnly start, CancellationToken ct)
    {
        var v = new Validator();
        var placement = SessionRules.Validate(new PlacementInput(roomId, date.ToString("yyyy-MM-dd"), start.ToString("HH:mm"), s.Version), e, v);
        var write = await store.PlaceAsync(e.Id, s.Id, s.Version, placement, v, ct);
        return write.Session() ?? throw new InvalidOperationException($"Demo placement of '{s.Title}': {write.Kind}");
    }

    private static async Task ReleaseAsync(ReleaseStore releases, EventRow e, long organiser, string notify, CancellationToken ct)
    {
        var v = new Validator();
        // The demo's programme is conflict-free; should an edited demo event not be, the seed says why it published anyway.
        if (await releases.ReleaseAsync(e, organiser, new ReleaseInput(notify, true, "Demo data"), v, ct) is null)
            throw new InvalidOperationException("Demo release: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
    }
}
