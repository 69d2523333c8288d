using System.Globalization;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Generator;

/// <summary>The event with its days, rooms and tracks, validated by EventRules and written by EventStore and VenueStore.</summary>
public sealed class EventStep : IGeneratorStep
{
    public string Name => "event";

    public void AddServices(IServiceCollection services) => services.AddEvents();

    public async Task RunAsync(GeneratorContext context, CancellationToken ct)
    {
        var store = context.Services.GetRequiredService<EventStore>();
        var venue = context.Services.GetRequiredService<VenueStore>();
        var random = context.Random;
        var scale = context.Scale;
        context.Clock.Set(new DateTimeOffset(scale.StartsOn.AddDays(-300).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

        var v = new Validator();
        var input = new EventInput(
            scale.EventSlug, scale.EventName, Description(random), scale.Venue, scale.TimeZone,
            Date(scale.StartsOn), Date(scale.StartsOn.AddDays(scale.Days - 1)), IsPublic: true, ParentSlug: null);
        var values = EventRules.Validate(input, v) ?? throw GeneratorContext.Invalid("event", v);
        var created = await store.CreateAsync(values, context.Organisers[0].Id, v, ct) ?? throw GeneratorContext.Invalid("event", v);
        context.Event = created;

        foreach (var (name, capacity) in RoomNames(random, scale.Rooms))
        {
            context.Clock.Advance(TimeSpan.FromMinutes(random.Next(1, 30)));
            var room = EventRules.Validate(new RoomInput(name, capacity, random.Pick(Names.AccessNotes), null), v) ?? throw GeneratorContext.Invalid("room", v);
            _ = await venue.AddRoomAsync(created.Id, room, v, ct) ?? throw GeneratorContext.Invalid("room", v);
        }

        foreach (var name in TrackNames(scale.Tracks))
        {
            var track = EventRules.Validate(new TrackInput(name, random.Colour()), v) ?? throw GeneratorContext.Invalid("track", v);
            _ = await venue.AddTrackAsync(created.Id, track, v, ct) ?? throw GeneratorContext.Invalid("track", v);
        }

        (context.Days, context.Rooms, context.Tracks) = await venue.ListPartsAsync(created.Id, ct);
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Description(Random random) =>
        $"""
        {Names.Paragraph(random, 4)}

        ## Getting there

        {Names.Paragraph(random, 3)}

        - {Names.Sentence(random, 8)}
        - {Names.Sentence(random, 8)}
        - {Names.Sentence(random, 8)}
        """;

    // The halls by name, then rooms by building code (AW1.120, H.2215 ...), each name once.
    private static IEnumerable<(string Name, int Capacity)> RoomNames(Random random, int count)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var hall in Names.Halls.Take(count))
        {
            used.Add(hall.Name);
            yield return hall;
        }
        while (used.Count < count)
        {
            var name = $"{random.Pick(Names.Buildings)}{random.Next(1, 5)}.{random.Next(100, 460)}";
            if (used.Add(name)) yield return (name, 20 + 10 * random.Next(2, 26));
        }
    }

    private static IEnumerable<string> TrackNames(int count) =>
        Enumerable.Range(0, count).Select(i => i < Names.Tracks.Length
            ? Names.Tracks[i]
            : $"{Names.Tracks[i % Names.Tracks.Length]} {i / Names.Tracks.Length + 1}");
}
