namespace EventPlanner.Tests.Features.Schedule;

/// <summary>
/// The frab/voc schedule schemas, kept in the repository under Specs/schedule (see SOURCE.md there for their
/// origin and licence) and copied to the test output, so the export tests run in any clone.
/// </summary>
internal static class ScheduleSpecs
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Specs", "schedule");

    public static string PathOf(string file) => Path.Combine(Folder, file);
}
