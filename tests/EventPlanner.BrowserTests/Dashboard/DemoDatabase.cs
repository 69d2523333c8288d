using Microsoft.Data.Sqlite;

namespace EventPlanner.BrowserTests.Dashboard;

/// <summary>Reads the running app's database (read-only) so a journey can assert what a page shows against it.</summary>
public static class DemoDatabase
{
    public static async Task<long> CountAsync(this Infrastructure.AppProcess app, string sql)
    {
        var path = Path.Combine(app.DataDirectory, "eventplanner.db");
        await using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
