namespace EventPlanner.Web;

/// <summary>
/// Finds the folder holding the real appsettings.json and wwwroot/: the repository root when run
/// from source (dotnet run, tests, benchmarks), or the publish folder, which carries copies of both.
/// </summary>
public static class ContentRoot
{
    public static string Locate()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("EventPlanner__ContentRoot");
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return Path.GetFullPath(explicitRoot);
        }

        // The app's own folder first: a publish folder carries its own copies; a build output sits inside the repository.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "appsettings.json"))
                    && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            "Cannot find appsettings.json beside a wwwroot/ folder above the working directory or the app's folder. " +
            "Run from the repository, from a publish folder, or set EventPlanner__ContentRoot.");
    }
}
