using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>A two-day community meetup with a main hall, two side rooms, three tracks and its team.</summary>
public sealed class DemoEvent : IDemoPart
{
    public const string Slug = "fossmy-2026";

    private const string Description = """
        **FOSS.my 2026** is a two-day community meetup for free and open-source software in Malaysia:
        talks in the main hall, community side sessions in the smaller rooms, and lightning talks at the end of each day.

        - Day one: cloud, infrastructure and security
        - Day two: community, documentation and first contributions

        Everyone is welcome; read the [code of conduct](https://example.org/conduct) before you come.
        """;

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var events = services.GetRequiredService<EventStore>();
        var venue = services.GetRequiredService<VenueStore>();
        var team = services.GetRequiredService<TeamStore>();
        // Once it exists the event belongs to its organisers: a later --demo start leaves their edits alone.
        if (await events.FindAsync(Slug, ct) is { } existing)
        {
            data.Event = existing;
            return;
        }

        var lead = data.Organisers[0];
        var v = new Validator();
        // A weekend about six weeks ahead of whenever the demo is seeded, so its call for papers is open
        // and tickets can still change hands (fixed dates would slide into the past).
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var saturday = today.AddDays(42 + ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7);
        var sunday = saturday.AddDays(1);
        var values = EventRules.Validate(new EventInput(Slug, "FOSS.my 2026", Description, "Menara Komuniti, Kuala Lumpur",
            "Asia/Kuala_Lumpur", saturday.ToString("yyyy-MM-dd"), sunday.ToString("yyyy-MM-dd"), true, null), v);
        var created = values is null ? null : await events.CreateAsync(values, lead.Id, v, ct);
        if (created is null) throw new InvalidOperationException("Demo event: " + string.Join("; ", v.Errors.SelectMany(e => e.Value)));
        data.Event = created;
        data.CountAdded();

        await venue.SetDayHoursAsync(created.Id, saturday, new TimeOnly(9, 0), new TimeOnly(18, 0), ct);
        await venue.SetDayHoursAsync(created.Id, sunday, new TimeOnly(9, 30), new TimeOnly(17, 30), ct);

        (string, int, string, int)[] rooms =
        [
            ("Main Hall", 400, "Step-free entrance from the lobby; hearing loop; wheelchair spaces in the front row.", 0),
            ("Room Ubuntu", 60, "Level 2, lift beside the registration desk; accessible toilet next door.", 1),
            ("Room Fedora", 60, "Level 2, lift beside the registration desk; movable seating.", 2),
        ];
        foreach (var room in rooms) Added(data, await venue.AddRoomAsync(created.Id, room, v, ct));

        (string, string)[] tracks = [("Cloud & Infra", "#1f77b4"), ("Community", "#2ca02c"), ("Security", "#d62728")];
        foreach (var track in tracks) Added(data, await venue.AddTrackAsync(created.Id, track, v, ct));

        foreach (var organiser in data.Organisers.Skip(1)) Added(data, await team.GrantAsync(created.Id, organiser.Email, EventRoles.Organiser, lead.Id, v, ct));
        foreach (var reviewer in data.Reviewers) Added(data, await team.GrantAsync(created.Id, reviewer.Email, EventRoles.Reviewer, lead.Id, v, ct));
        if (v.HasErrors) throw new InvalidOperationException("Demo event: " + string.Join("; ", v.Errors.SelectMany(e => e.Value)));
    }

    private static void Added(DemoData data, object? row)
    {
        if (row is not null) data.CountAdded();
    }
}
