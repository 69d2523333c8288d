using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Lightning talks for the demo: day 1's session is full, locked (so its line-up is on the public schedule, the
/// exports and the kiosk) with two people on the waitlist; a shorter day-2 session, just added to the grid (in the
/// organisers' next release), is open for sign-up with one slot left. Runs once (it stops when the event has any).
/// </summary>
public sealed class DemoLightning : IDemoPart
{
    private static readonly (string Title, string Description)[] Day1Talks =
    [
        ("My dotfiles, explained in five minutes", "Stow, a Makefile and no regrets."),
        ("Reproducible builds at home", "Why two builds of the same source should match, and how to check."),
        ("Translating GNOME into Tamil", "What a small locale team learnt in a year."),
        ("Self-hosting for your family", "Mail, photos and calendars on a second-hand mini PC."),
        ("Accessibility bugs are bugs", "Three fixes anyone can make this weekend."),
        ("From issue to first merged patch", "The five commands I wish I had known."),
        ("Writing a good bug report", "A template maintainers will thank you for."),
        ("Mapping Kuala Lumpur with OpenStreetMap", "Our bus-stop survey, in pictures."),
        ("Rust on a microcontroller", "Blinking an LED the memory-safe way."),
    ];

    private static readonly (string Title, string Description)[] Day2Talks =
    [
        ("Packaging your first Debian package", "debuild, lintian, done."),
        ("Fediverse for meetups", "Announcing events without the big platforms."),
        ("A year of running a hackerspace", "Rent, rotas and a 3D printer."),
        ("Keyboard-only Linux", "Tiling window managers for the impatient."),
    ];

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var db = services.GetRequiredService<Db>();
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM lightning_sessions WHERE event_id = @Id", e) > 0) return;
        }
        var queries = services.GetRequiredService<ScheduleQueries>();
        var board = await queries.LoadAsync(e, ct);
        if (board.Sessions.FirstOrDefault(s => s.Kind == SessionKinds.Lightning && s.IsPlaced) is not { } day1 || board.Days.Count < 2) return;
        var store = services.GetRequiredService<LightningLineupStore>();
        var queue = services.GetRequiredService<LightningQueueStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var opens = LightningRules.LocalInput(now.AddMinutes(-1), e.Zone);

        // Day 1: 45 minutes of 5-minute talks with a minute to change over: 7 slots, all taken, two waiting, locked.
        await ConfigureAsync(store, e, day1.Id, opens, LightningRules.LocalInput(day1.StartsAt!.Value, e.Zone), ct);
        string[] day1People = ["meilin", "arjun", "nurul", "kenji", "priya", "weiling", "hafiz", "kavitha", "amir"];
        await SignUpAsync(queue, e, day1.Id, data, day1People, Day1Talks, ct);
        var v = new Validator();
        if (!(await store.LockAsync(e, day1.Id, true, v, ct)).IsOk)
            throw new InvalidOperationException("Demo lightning lock: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));

        // Day 2: 30 minutes, 5 slots, 4 taken: open for sign-up until the session starts.
        var sessions = services.GetRequiredService<SessionStore>();
        var community = board.Tracks.FirstOrDefault(t => t.Name == "Community")?.Id;
        var values = new SessionValues(SessionKinds.Lightning, "Lightning talks, day 2", "Five minutes each: sign up on the lightning talks page.", "", "English",
            community, 30, 0, [], false);
        if (await sessions.CreateAsync(e.Id, values, v, ct) is not { } row) throw new InvalidOperationException("Demo lightning session: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
        var room = board.Rooms.FirstOrDefault(r => r.Name == "Main Hall") ?? board.Rooms[0];
        var placement = SessionRules.Validate(new PlacementInput(room.Id, board.Days[1].Date.ToString("yyyy-MM-dd"), "16:00", row.Version), e, v);
        var placed = (await sessions.PlaceAsync(e.Id, row.Id, row.Version, placement, v, ct)).Session()
            ?? throw new InvalidOperationException("Demo lightning placement: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
        data.CountAdded();
        await ConfigureAsync(store, e, placed.Id, opens, LightningRules.LocalInput(placed.StartsAt!.Value, e.Zone), ct);
        await SignUpAsync(queue, e, placed.Id, data, ["meilin", "arjun", "nurul", "kenji"], Day2Talks, ct);
    }

    private static async Task ConfigureAsync(LightningLineupStore store, EventRow e, long sessionId, string opens, string closes, CancellationToken ct)
    {
        var v = new Validator();
        var write = await store.ConfigureAsync(e, sessionId, new LightningSettingsInput(5, 1, opens, closes, 0, true, 60), v, ct);
        if (!write.IsOk) throw new InvalidOperationException("Demo lightning settings: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
    }

    private static async Task SignUpAsync(LightningQueueStore queue, EventRow e, long sessionId, DemoData data, string[] people, (string Title, string Description)[] talks,
        CancellationToken ct)
    {
        var everyone = data.Speakers.Concat(data.Reviewers).Concat(data.Attendees).ToList();
        for (var i = 0; i < people.Length && i < talks.Length; i++)
        {
            var user = everyone.FirstOrDefault(u => u.Email!.StartsWith(people[i] + "@", StringComparison.Ordinal));
            if (user is null) continue;
            var v = new Validator();
            await queue.SignUpAsync(e, sessionId, user.Id, new SignUpValues(talks[i].Title, talks[i].Description, null), v, ct);
            data.CountAdded();
        }
    }
}
