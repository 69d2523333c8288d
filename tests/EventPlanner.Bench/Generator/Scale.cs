namespace EventPlanner.Bench.Generator;

/// <summary>
/// The size of one generated event. Every dimension is declared here, including those whose
/// feature does not exist yet (proposals, reviews, sessions, stars): the step that fills them
/// arrives with the feature, and the figures stay comparable across versions.
/// </summary>
public sealed record Scale
{
    public required string Name { get; init; }
    public required string Description { get; init; }

    // Event
    public required string EventSlug { get; init; }
    public required string EventName { get; init; }
    public required string Venue { get; init; }
    public required string TimeZone { get; init; }
    public required DateOnly StartsOn { get; init; }
    public required int Days { get; init; }
    public required int Rooms { get; init; }
    public required int Tracks { get; init; }

    // People (each an account; speakers and attendees become roles through proposals and tickets)
    public required int Organisers { get; init; }
    public required int Reviewers { get; init; }
    public required int Speakers { get; init; }
    public required int Attendees { get; init; }

    // Programme (generated once Submissions, Reviews, Schedule and Tickets land)
    public required int Proposals { get; init; }
    public required int Reviews { get; init; }
    public required int Sessions { get; init; }
    public required int Stars { get; init; }

    public int Accounts => Organisers + Reviewers + Speakers + Attendees;
}

public static class Scales
{
    /// <summary>A FOSS.my-sized meetup: one day, three rooms.</summary>
    public static readonly Scale Small = new()
    {
        Name = "small",
        Description = "FOSS.my-sized meetup: 60 proposals, 3 rooms, 300 attendees",
        EventSlug = "bench-small",
        EventName = "Bench Meetup (small)",
        Venue = "APIIT, Kuala Lumpur",
        TimeZone = "Asia/Kuala_Lumpur",
        StartsOn = new DateOnly(2027, 8, 14),
        Days = 1,
        Rooms = 3,
        Tracks = 3,
        Organisers = 3,
        Reviewers = 6,
        Speakers = 40,
        Attendees = 300,
        Proposals = 60,
        Reviews = 180,
        Sessions = 30,
        Stars = 900,
    };

    /// <summary>FOSDEM from public figures: ~1,900 proposals, ~1,000 talks in ~70 parallel tracks, ~8,000 attendees.</summary>
    public static readonly Scale Fosdem = new()
    {
        Name = "fosdem",
        Description = "FOSDEM-sized: 2,000 proposals, 1,100 sessions, 80 rooms, 2 days, 8,000 attendees",
        EventSlug = "bench-fosdem",
        EventName = "Bench Summit (fosdem)",
        Venue = "ULB Solbosch, Brussels",
        TimeZone = "Europe/Brussels",
        StartsOn = new DateOnly(2027, 2, 6),
        Days = 2,
        Rooms = 80,
        Tracks = 70,
        Organisers = 12,
        Reviewers = 100,
        Speakers = 1000,
        Attendees = 8000,
        Proposals = 2000,
        Reviews = 10000,
        Sessions = 1100,
        Stars = 40000,
    };

    public static IReadOnlyList<Scale> All { get; } = [Small, Fosdem];

    public static Scale? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
