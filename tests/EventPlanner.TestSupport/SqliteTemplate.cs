using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.TestSupport;

/// <summary>
/// A SQLite database with every migration applied by the app's own runner, written out as one self-contained file.
/// Test runs make one and copy it for each app they start, so a start finds nothing to migrate and still checks the
/// database as it would any other (version, checksums).
/// </summary>
public static class SqliteTemplate
{
    /// <summary>Migrates a fresh database under <paramref name="folder"/> and returns the path of its copy there; the copy is deleted when the process exits.</summary>
    public static string Create(string folder, string applicationName)
    {
        var dir = Path.Combine(folder, "template-" + Guid.NewGuid().ToString("N"));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = dir }).Build();
        var db = new Db(new DataPaths(config, new TestEnvironment(applicationName)));
        // Off the caller's synchronisation context (xunit's), so blocking on it here cannot starve its continuations.
        Task.Run(() => new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync()).GetAwaiter().GetResult();

        // One self-contained file (no -wal beside it) to copy: VACUUM INTO writes the whole database out.
        var template = Path.Combine(folder, $"template-{Guid.NewGuid():N}.db");
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
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { File.Delete(template); } catch (IOException) { } };
        return template;
    }
}

/// <summary>The host environment a test builds the app's data services with, outside any host.</summary>
public sealed class TestEnvironment(string applicationName) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";
    public string ApplicationName { get; set; } = applicationName;
    public string ContentRootPath { get; set; } = Path.GetTempPath();
    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
}
