using System.Data.Common;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EventPlanner.Tests.Data;

/// <summary>A second start on a database the code does not match (newer, or a landed migration's text edited) is refused.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): the second host starts on the first one's PostgreSQL database
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task The_app_refuses_to_start_on_a_database_newer_than_its_code()
    {
        using var app = new EventPlannerApp();
        await (await Task.FromResult(app.CreateClient())).GetAsync("/healthz"); // first start migrates
        await ExecuteOnStoredAsync(app, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00Z')");

        using var second = new SameDatabaseApp(app);
        var error = Assert.ThrowsAny<Exception>(() => second.CreateClient());

        Assert.IsType<DatabaseTooNewException>(error.GetBaseException());
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_a_database_that_ran_a_different_text_of_a_migration()
    {
        using var app = new EventPlannerApp();
        await app.CreateClient().GetAsync("/healthz");
        await ExecuteOnStoredAsync(app, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2");

        using var second = new SameDatabaseApp(app);
        var error = Assert.ThrowsAny<Exception>(() => second.CreateClient());

        var refusal = Assert.IsType<MigrationChecksumMismatchException>(error.GetBaseException());
        Assert.Contains("0002_notifications", refusal.Message);
    }

    /// <summary>Runs <paramref name="sql"/> on the first host's database (its SQLite file, or its PostgreSQL database) from outside the app.</summary>
    private static async Task ExecuteOnStoredAsync(EventPlannerApp app, string sql)
    {
        await using (DbConnection c = app.PostgresDatabase is { } database
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor(database)) { Pooling = false }.ToString())
            : new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "eventplanner.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await c.ExecuteAsync(sql);
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A second host on the first one's data folder and, on PostgreSQL, its database.</summary>
    private sealed class SameDatabaseApp(EventPlannerApp first) : EventPlannerApp
    {
        protected override IDictionary<string, string?> Settings => first.PostgresDatabase is { } database
            ? new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = first.DataDirectory, ["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(database) }
            : new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = first.DataDirectory };
    }
}
