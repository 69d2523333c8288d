using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Internal;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// The schedule: a session for every confirmed proposal plus organiser-made talks up to the scale's number of
/// sessions, placed room by room through each day (no room double-booked), the scale's stars from attendees,
/// and one release, all through SessionStore, AgendaStore and ReleaseStore. Session GUIDs are random by design
/// (they must never repeat across instances), so this step is applied by the schedule scenario to its own copy
/// of the data set (<see cref="ApplyAsync"/>) rather than listed in DataGenerator.Steps, whose digest it would unsettle.
/// </summary>
public sealed class ScheduleStep : IGeneratorStep
{
    public string Name => "schedule";

    public void AddServices(IServiceCollection services)
    {
        services.AddEvents();
        services.AddSubmissions();
        services.AddSchedule();
    }

    /// <summary>Adds the schedule to the generated database in <paramref name="dataDirectory"/>; returns the sessions placed.</summary>
    public static async Task<int> ApplyAsync(string dataDirectory, Scale scale, int seed, CancellationToken ct)
    {
        var clock = new GeneratorClock(new DateTimeOffset(scale.StartsOn.AddDays(-20).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventPlanner:DataDirectory"] = dataDirectory,
            ["EventPlanner:Jobs:Storage"] = "memory",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddData(configuration, new HostingEnvironment { ContentRootPath = dataDirectory, EnvironmentName = "Production", ApplicationName = "EventPlanner.Bench" });
        services.AddWebPlatform(configuration);
        services.AddNotifications(configuration);
        // The release publishes webhooks in its transaction.
        services.AddWebhooks(configuration);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        var step = new ScheduleStep();
        step.AddServices(services);
        await using var provider = services.BuildServiceProvider();

        var context = new GeneratorContext(scale, seed, provider, clock) { Random = SeededRandom.For(seed, step.Name) };
        context.Event = await provider.GetRequiredService<EventStore>().FindAsync(scale.EventSlug, ct)
            ?? throw new InvalidOperationException($"The data set has no event '{scale.EventSlug}'.");
        (context.Days, context.Rooms, context.Tracks) = await provider.GetRequiredService<VenueStore>().ListPartsAsync(context.Event.Id, ct);
        await step.RunAsync(context, ct);

        await using var c = await provider.GetRequiredService<Db>().OpenAsync(ct);
        await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool((Microsoft.Data.Sqlite.SqliteConnection)c); // the generator writes SQLite files only
        return await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schedule_sessions WHERE room_id IS NOT NULL");
    }

    public async Task RunAsync(GeneratorContext context, CancellationToken ct)
    {
        var services = context.Services;
        var store = services.GetRequiredService<SessionStore>();
        var e = context.RequiredEvent;
        var random = context.Random;
        var scale = context.Scale;
        var db = services.GetRequiredService<Db>();

        await store.CreateFromConfirmedAsync(e.Id, ct);
        List<(long Id, int Version, int Minutes)> sessions;
        string[] speakers;
        long[] attendees;
        long organiser;
        await using (var c = await db.OpenAsync(ct))
        {
            var existing = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schedule_sessions WHERE event_id = @id", new { id = e.Id });
            speakers = (await c.QueryAsync<string>("SELECT u.email FROM users u WHERE EXISTS (SELECT 1 FROM proposal_speakers ps WHERE ps.user_id = u.id) ORDER BY u.id")).ToArray();
            var v = new Validator();
            for (var i = existing; i < scale.Sessions; i++)
            {
                var minutes = random.Pick(new[] { 20, 25, 30, 40, 50 });
                var values = new SessionValues(SessionKinds.Talk, $"Invited talk {i + 1}: {Names.Sentence(random, 4).TrimEnd('.')}", Names.Paragraph(random, 2), "",
                    "English", context.Tracks.Count == 0 ? null : random.Pick(context.Tracks).Id, minutes, random.Next(0, 80),
                    speakers.Length == 0 ? [] : [random.Pick(speakers)], false);
                _ = await store.CreateAsync(e.Id, values, v, ct) ?? throw GeneratorContext.Invalid("session", v);
            }
            sessions = (await c.QueryAsync<(long, int, int)>("SELECT id, version, duration_minutes FROM schedule_sessions WHERE event_id = @id ORDER BY id", new { id = e.Id })).AsList();
            attendees = (await c.QueryAsync<long>("SELECT id FROM users ORDER BY id DESC LIMIT @n", new { n = scale.Attendees })).ToArray();
            organiser = await c.ExecuteScalarAsync<long>("SELECT user_id FROM event_roles WHERE event_id = @id AND role = 'organiser' ORDER BY user_id LIMIT 1", new { id = e.Id });
        }

        // Fill each room through each day in turn, in order, with a five-minute changeover.
        var queue = new Queue<(long Id, int Version, int Minutes)>(sessions.OrderBy(_ => random.Next()));
        var places = context.Days.SelectMany(d => context.Rooms.Select(r => (Day: d, Room: r))).ToList();
        var perPlace = (int)Math.Ceiling(sessions.Count / (double)Math.Max(1, places.Count));
        foreach (var (day, room) in places)
        {
            var at = day.OpensAt;
            for (var n = 0; n < perPlace && queue.Count > 0; n++)
            {
                var s = queue.Peek();
                if (at.AddMinutes(s.Minutes) > day.ClosesAt || at.AddMinutes(s.Minutes) < at) break;
                queue.Dequeue();
                var v = new Validator();
                var placement = SessionRules.Validate(new PlacementInput(room.Id, day.Date.ToString("yyyy-MM-dd"), at.ToString("HH:mm"), s.Version), e, v)
                    ?? throw GeneratorContext.Invalid("placement", v);
                var write = await store.PlaceAsync(e.Id, s.Id, s.Version, placement, v, ct);
                if (!write.IsOk) throw new InvalidOperationException($"Placing session {s.Id}: {write.Kind}");
                at = at.AddMinutes(s.Minutes + 5);
            }
        }

        var agenda = services.GetRequiredService<AgendaStore>();
        var ids = sessions.Select(s => s.Id).ToArray();
        for (var i = 0; i < scale.Stars && attendees.Length > 0; i++)
        {
            await agenda.StarAsync(attendees[i % attendees.Length], e.Id, random.Pick(ids), ct);
        }

        var release = new Validator();
        // Generated speakers may be double-booked: the release records that it was published anyway.
        _ = await services.GetRequiredService<ReleaseStore>().ReleaseAsync(e, organiser, new ReleaseInput(NotifyModes.None, true, "Generated benchmark data"), release, ct)
            ?? throw GeneratorContext.Invalid("release", release);
    }
}
