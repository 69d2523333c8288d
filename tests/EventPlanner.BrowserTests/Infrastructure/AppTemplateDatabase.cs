using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// A database with every migration applied, made once per test run by the app's own runner and copied into each app
/// process's fresh data folder, so the process starts on a migrated database (checked as any database is: version,
/// checksums) instead of running every script again: that took seconds of each of the run's ~30 app starts. The demo
/// is still seeded by each <c>--demo</c> process itself (its mails carry that process's address).
/// </summary>
public static class AppTemplateDatabase
{
    private static readonly Lazy<string> File = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void CopyTo(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        System.IO.File.Copy(File.Value, Path.Combine(dataDirectory, "eventplanner.db"));
    }

    private static string Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "ep-browser");
        var dir = Path.Combine(root, "template-" + Guid.NewGuid().ToString("N"));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = dir }).Build();
        var db = new Db(new DataPaths(config, new Environment()));
        // Off the caller's synchronisation context (xunit's), so blocking on it here cannot starve its continuations.
        Task.Run(() => new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync()).GetAwaiter().GetResult();

        // One self-contained file (no -wal beside it) to copy: VACUUM INTO writes the whole database out.
        var template = Path.Combine(root, $"template-{Guid.NewGuid():N}.db");
        using (var connection = new SqliteConnection($"Data Source={db.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", template);
            vacuum.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { System.IO.File.Delete(template); } catch (IOException) { } };
        return template;
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "EventPlanner.BrowserTests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
