using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;

namespace EventPlanner.Tests.Data;

public sealed class StartupRefusalTests
{
    [Fact]
    public async Task The_app_refuses_to_start_on_a_database_newer_than_its_code()
    {
        using var app = new EventPlannerApp();
        await (await Task.FromResult(app.CreateClient())).GetAsync("/healthz"); // first start migrates
        var dbFile = Path.Combine(app.DataDirectory, "eventplanner.db");
        await using (var c = new SqliteConnection($"Data Source={dbFile}"))
        {
            await c.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00Z')");
        }
        SqliteConnection.ClearAllPools();

        using var second = new SameFolderApp(app.DataDirectory);
        var error = Assert.ThrowsAny<Exception>(() => second.CreateClient());

        Assert.IsType<DatabaseTooNewException>(error.GetBaseException());
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_a_database_that_ran_a_different_text_of_a_migration()
    {
        using var app = new EventPlannerApp();
        await app.CreateClient().GetAsync("/healthz");
        var dbFile = Path.Combine(app.DataDirectory, "eventplanner.db");
        await using (var c = new SqliteConnection($"Data Source={dbFile}"))
        {
            await c.ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2");
        }
        SqliteConnection.ClearAllPools();

        using var second = new SameFolderApp(app.DataDirectory);
        var error = Assert.ThrowsAny<Exception>(() => second.CreateClient());

        var refusal = Assert.IsType<MigrationChecksumMismatchException>(error.GetBaseException());
        Assert.Contains("0002_notifications", refusal.Message);
    }

    private sealed class SameFolderApp(string dir) : EventPlannerApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = dir };
    }
}
