namespace EventPlanner.Tests.Features.Schedule;

/// <summary>
/// The frab/voc schemas live beside the repository in shared/specs/schedule (never copied into the project):
/// ../shared from the repository root, or ../../shared for a worktree under wt/.
/// </summary>
internal static class ScheduleSpecs
{
    public static readonly string? Folder = Find();

    private static string? Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventPlanner.sln"))) dir = dir.Parent;
        if (dir is null) return null;
        foreach (var up in new[] { "..", Path.Combine("..", "..") })
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, up, "shared", "specs", "schedule"));
            if (File.Exists(Path.Combine(candidate, "schedule.xml.xsd"))) return candidate;
        }
        return null;
    }

    public static string PathOf(string file) => Path.Combine(Folder!, file);
}

/// <summary>A fact that runs only where shared/specs/schedule is present, and says why it skipped otherwise.</summary>
public sealed class SpecsFactAttribute : FactAttribute
{
    public SpecsFactAttribute()
    {
        if (ScheduleSpecs.Folder is null) Skip = "shared/specs/schedule (the frab/voc schemas) is not beside this checkout.";
    }
}
