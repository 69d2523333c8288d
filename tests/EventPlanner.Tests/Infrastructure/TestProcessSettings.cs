using System.Runtime.CompilerServices;

namespace EventPlanner.Tests.Infrastructure;

internal static class TestProcessSettings
{
    /// <summary>
    /// Each test host would otherwise watch appsettings*.json for changes, one inotify instance per file; the
    /// machine-wide default is 128 per user, and a few hundred hosts started in parallel (or beside other test runs
    /// on the same machine) exhaust it and fail at start-up. Tests never edit the files, so nothing is lost.
    /// </summary>
    [ModuleInitializer]
    internal static void DoNotWatchConfigurationFiles() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
