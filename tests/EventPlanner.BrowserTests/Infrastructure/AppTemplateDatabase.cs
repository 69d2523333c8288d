using EventPlanner.TestSupport;

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

    private static string Create() => SqliteTemplate.Create(Path.Combine(Path.GetTempPath(), "ep-browser"), "EventPlanner.BrowserTests");
}
