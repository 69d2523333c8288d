using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Bench.Generator;
using Microsoft.Data.Sqlite;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// The hard-stop tests start and kill real app processes: they run one at a time (one collection), and first
/// (<see cref="RunsLong"/>), beside the other tests. They used to run alone after every other test; but xunit runs only
/// two collections at a time here (its conservative mode), so beside them there is one other class, not hundreds of
/// hosts; and alone they left the machine idle through their waits (a lease running out, a process coming up): about
/// two minutes of a CI run at the end. What they assert does not depend on timing: a kill is triggered by what the
/// process has done (so many mails sent, so many sales, a migration logged) or lands at a moment the data must survive
/// anyway (100 ms after launch, mid-release), and every wait has a deadline of a minute or more.
/// </summary>
[RunsLong(seconds: 180)]
[CollectionDefinition(Name)]
public sealed class HardStopCollection : ICollectionFixture<HardStopData>
{
    public const string Name = "Hard stops";
}

/// <summary>
/// A small generated event (the benchmark's `small` scale: organisers, 300 attendees, each with a personal API
/// token, rooms, and a placed and released schedule), made once and copied into a fresh data folder per test.
/// Accounts and their tokens come from the generator because creating 300 confirmed accounts over HTTP would
/// be most of the run; everything a test does to the data afterwards goes through the HTTP API.
/// </summary>
public sealed class HardStopData : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ep-hardstops", Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _once = new(1, 1);
    private readonly List<string> _databases = [];
    private GeneratedData? _generated;
    private string? _postgresTemplate;

    public static Scale Scale => Scales.Small;

    /// <summary>An empty folder of its own under this run's root.</summary>
    public string EmptyDirectory(string name)
    {
        var dir = Path.Combine(_root, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A data folder holding a copy of the generated event; the generated data (tokens, slug) with it.</summary>
    public async Task<(string Directory, GeneratedData Data)> CopyAsync(string name)
    {
        var data = await GeneratedAsync();
        var dir = EmptyDirectory(name);
        foreach (var file in System.IO.Directory.GetFiles(data.DataDirectory))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
        return (dir, data);
    }

    /// <summary>
    /// A place for one test's app process holding a copy of the generated event, on the run's engine: a data folder
    /// with the SQLite file, or (<see cref="TestPostgres.HostsRunOnPostgres"/>) an empty data folder and a fresh
    /// PostgreSQL database copied from the generated event's PostgreSQL template. Dropped with the fixture.
    /// </summary>
    public async Task<(HardStopSite Site, GeneratedData Data)> SiteAsync(string name)
    {
        if (!TestPostgres.HostsRunOnPostgres)
        {
            var (dir, generated) = await CopyAsync(name);
            return (new HardStopSite(dir, null), generated);
        }
        return await PostgresSiteAsync(name);
    }

    /// <summary>As <see cref="SiteAsync"/> on PostgreSQL whatever the run's engine (the multi-node tests).</summary>
    public async Task<(HardStopSite Site, GeneratedData Data)> PostgresSiteAsync(string name)
    {
        var data = await GeneratedAsync();
        var database = TestPostgres.CreateDatabase("ep_hardstop", await PostgresTemplateAsync(data));
        lock (_databases) _databases.Add(database);
        return (new HardStopSite(EmptyDirectory(name), database), data);
    }

    /// <summary>An empty PostgreSQL database (no schema yet) for a test's app process to migrate; dropped with the fixture.</summary>
    public string EmptyPostgresDatabase()
    {
        var database = TestPostgres.CreateDatabase("ep_hardstop");
        lock (_databases) _databases.Add(database);
        return database;
    }

    /// <summary>The generated event on PostgreSQL, made once: the migrated template's copy with the SQLite rows copied in.</summary>
    private async Task<string> PostgresTemplateAsync(GeneratedData data)
    {
        await _once.WaitAsync();
        try
        {
            if (_postgresTemplate is not null) return _postgresTemplate;
            var database = TemplateDatabase.CreatePostgresCopy();
            lock (_databases) _databases.Add(database);
            await SqliteToPostgres.CopyAsync(data.DatabasePath, TestPostgres.ConnectionStringFor(database));
            return _postgresTemplate = database;
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task<GeneratedData> GeneratedAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (_generated is not null) return _generated;
            var template = Path.Combine(_root, "template");
            var data = await DataGenerator.GenerateAsync(template, Scale);
            await ScheduleStep.ApplyAsync(template, Scale, DataGenerator.DefaultSeed, CancellationToken.None);
            // One self-contained file to copy: the WAL folded in, no connection of ours left on it.
            await using (var c = HardStopDb.Open(data.DatabasePath, readOnly: false))
            {
                await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            SqliteConnection.ClearAllPools();
            foreach (var leftover in System.IO.Directory.GetFiles(template, "eventplanner.db-*")) File.Delete(leftover);
            return _generated = data;
        }
        finally
        {
            _once.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            try { TestPostgres.DropDatabase(database); } catch (Npgsql.NpgsqlException) { }
        }
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Reads a (running or killed) app's database from the test: its own unpooled, read-only connection each time,
/// so that closing it never checkpoints a killed app's WAL: the restarted app does its own recovery.
/// </summary>
public static class HardStopDb
{
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "eventplanner.db");

    public static SqliteConnection Open(string databasePath, bool readOnly = true)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        c.Open();
        c.Execute("PRAGMA busy_timeout = 10000;");
        return c;
    }

    public static T Scalar<T>(string dataDirectory, string sql, object? parameters = null)
    {
        using var c = Open(PathIn(dataDirectory));
        return c.ExecuteScalar<T>(sql, parameters)!;
    }

    public static List<T> Query<T>(string dataDirectory, string sql, object? parameters = null)
    {
        using var c = Open(PathIn(dataDirectory));
        return c.Query<T>(sql, parameters).AsList();
    }
}
