using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// A database with every migration applied, made once per test run (lazily, on first use) and copied for each test
/// host, so the hosts' start-up finds nothing to migrate instead of running every script again. The real runner
/// makes it, so each host still checks it as it would any database (version, checksums).
/// </summary>
public static class TemplateDatabase
{
    private static readonly Lazy<string> File = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Postgres = new(CreatePostgres, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A fresh PostgreSQL database copied from a migrated template (CREATE DATABASE ... TEMPLATE); its name.</summary>
    public static string CreatePostgresCopy() => TestPostgres.CreateDatabase("ep_test", Postgres.Value);

    /// <summary>The PostgreSQL template: every twin migration applied by the real runner, then left without connections.</summary>
    private static string CreatePostgres()
    {
        var name = TestPostgres.CreateDatabase("ep_template");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor(name)) { Pooling = false }.ToString();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventPlanner:DataDirectory"] = Path.Combine(Path.GetTempPath(), "ep-tests", "template-" + Guid.NewGuid().ToString("N")),
            ["EventPlanner:Database:Provider"] = "postgres",
            ["ConnectionStrings:EventPlanner"] = connection,
        }).Build();
        var db = new Db(new DataPaths(config, new TestEnvironment("EventPlanner.Tests")), config);
        Task.Run(() => new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync()).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { TestPostgres.DropDatabase(name); } catch (Exception) { } };
        return name;
    }

    /// <summary>Copies the template to <paramref name="databasePath"/>, unless a database is already there.</summary>
    public static void CopyTo(string databasePath)
    {
        if (System.IO.File.Exists(databasePath)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        System.IO.File.Copy(File.Value, databasePath);
    }

    private static string Create() => SqliteTemplate.Create(Path.Combine(Path.GetTempPath(), "ep-tests"), "EventPlanner.Tests");
}
