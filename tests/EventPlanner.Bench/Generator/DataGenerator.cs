using System.Diagnostics;
using Dapper;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Bench.Generator;

public sealed record StepTiming(string Step, double Seconds);

/// <summary>A generated database: where it is, what went in, how long it took, and its digest.</summary>
public sealed record GeneratedData(
    Scale Scale, int Seed, string DataDirectory, string DatabasePath, double Seconds,
    IReadOnlyList<StepTiming> Steps, DigestResult Digest, string EventSlug, string OrganiserEmail)
{
    /// <summary>Each account's API token secret by email: random, so in memory only, never in the digest.</summary>
    public IReadOnlyDictionary<string, string> ApiTokens { get; init; } = new Dictionary<string, string>();

    /// <summary>The secret of a generated account's API token (every generated account has one).</summary>
    public string ApiToken(string email) =>
        ApiTokens.TryGetValue(email, out var secret) ? secret : throw new InvalidOperationException($"No API token was generated for {email}.");
}

/// <summary>
/// Writes a whole event at a named scale into a fresh data folder, through the app's own
/// migrations and stores, deterministically: a fixed seed, a clock that only the steps move,
/// and stamps drawn from the seed. Same seed, same scale, same code: same digest.
/// </summary>
public static class DataGenerator
{
    public const int DefaultSeed = 20270206;

    /// <summary>In order; a feature that adds data adds its step here (its own file).</summary>
    public static IReadOnlyList<IGeneratorStep> Steps { get; } =
    [
        new UsersStep(),
        new EventStep(),
        new TeamStep(),
        new ProposalsStep(),
        new ReviewsStep(),
        new ApiTokensStep(),
    ];

    /// <summary>
    /// The app's stores over the database in <paramref name="dataDirectory"/>, as the app wires them (data,
    /// web platform, notifications with in-memory job storage: the server delivers what the generator queues).
    /// With <paramref name="database"/> on PostgreSQL the stores work on that database instead (see <see cref="Running.PostgresCopy"/>).
    /// </summary>
    public static ServiceProvider CreateServices(string dataDirectory, TimeProvider clock, Running.AppDatabase? database = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["EventPlanner:DataDirectory"] = dataDirectory,
            ["EventPlanner:Jobs:Storage"] = "memory",
        };
        if (database is { IsPostgres: true })
        {
            settings["EventPlanner:Database:Provider"] = "postgres";
            settings["ConnectionStrings:EventPlanner"] = database.Location;
        }
        var services = AppStores.Services(settings, dataDirectory, "EventPlanner.Bench");
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        foreach (var step in Steps) step.AddServices(services);
        return services.BuildServiceProvider();
    }

    public static async Task<GeneratedData> GenerateAsync(string dataDirectory, Scale scale, int seed = DefaultSeed, CancellationToken ct = default)
    {
        var total = Stopwatch.StartNew();
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);

        var clock = new GeneratorClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var provider = CreateServices(dataDirectory, clock);
        var db = provider.GetRequiredService<Db>();
        if (File.Exists(db.DatabasePath) && new FileInfo(db.DatabasePath).Length > 0)
        {
            throw new InvalidOperationException($"{db.DatabasePath} already exists; the generator writes into a fresh folder only.");
        }
        await provider.MigrateDatabaseAsync();

        var context = new GeneratorContext(scale, seed, provider, clock);
        var timings = new List<StepTiming>();
        foreach (var step in Steps)
        {
            var watch = Stopwatch.StartNew();
            context.Random = SeededRandom.For(seed, step.Name);
            await step.RunAsync(context, ct);
            timings.Add(new StepTiming(step.Name, watch.Elapsed.TotalSeconds));
        }

        // Fold the WAL into the main file and close our connections: the database is then one
        // self-contained file that the server (another process) or a copy can open.
        await using (var c = await db.OpenAsync(ct))
        {
            await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            SqliteConnection.ClearPool((SqliteConnection)c); // the generator writes SQLite files only
        }

        var digest = await DatabaseDigest.ComputeAsync(db.DatabasePath, ct);
        return new GeneratedData(scale, seed, dataDirectory, db.DatabasePath, total.Elapsed.TotalSeconds, timings, digest,
            context.RequiredEvent.Slug, context.Organisers[0].Email)
        {
            ApiTokens = new Dictionary<string, string>(context.ApiTokens, StringComparer.OrdinalIgnoreCase),
        };
    }
}
