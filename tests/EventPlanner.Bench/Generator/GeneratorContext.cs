using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Bench.Generator;

/// <summary>What the steps share: the scale, the app's services, a fixed clock, and what earlier steps made.</summary>
public sealed class GeneratorContext(Scale scale, int seed, IServiceProvider services, GeneratorClock clock)
{
    public Scale Scale { get; } = scale;
    public int Seed { get; } = seed;
    public IServiceProvider Services { get; } = services;
    public GeneratorClock Clock { get; } = clock;

    /// <summary>The running step's own stream (see <see cref="IGeneratorStep.Name"/>).</summary>
    public Random Random { get; internal set; } = new(seed);

    public List<AppUser> Organisers { get; } = [];
    public List<AppUser> Reviewers { get; } = [];
    public List<AppUser> Speakers { get; } = [];
    public List<AppUser> Attendees { get; } = [];

    public EventRow? Event { get; set; }
    public EventRow RequiredEvent => Event ?? throw new InvalidOperationException("The event step has not run yet.");
    public IReadOnlyList<EventDayRow> Days { get; set; } = [];
    public IReadOnlyList<RoomRow> Rooms { get; set; } = [];
    public IReadOnlyList<TrackRow> Tracks { get; set; } = [];

    /// <summary>API token secrets by account email (random, so kept out of the digest; see <see cref="ApiTokensStep"/>).</summary>
    public Dictionary<string, string> ApiTokens { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fails generation loudly: generated data must pass the app's own validation.</summary>
    public static InvalidOperationException Invalid(string what, Validator v) =>
        new($"Generated {what} failed the app's validation: " +
            string.Join("; ", v.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
}
