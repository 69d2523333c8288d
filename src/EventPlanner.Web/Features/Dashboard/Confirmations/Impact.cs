namespace EventPlanner.Web.Features.Dashboard;

/// <summary>One thing a destructive action also touches, counted from the database when the confirmation is shown.</summary>
public sealed record ImpactLine(string Key, int Count, string Text);

/// <summary>
/// What a destructive action touches, for the confirmation step the pages show before doing it. <see cref="Stamp"/> is
/// posted back with the confirmation: when the counts read again differ, something changed meanwhile and the person is
/// asked again with the fresh counts. <see cref="Blocked"/> says why the action cannot be done at all (no form then).
/// </summary>
public sealed record Impact(string Subject, IReadOnlyList<ImpactLine> Lines, string Schedule, string? Blocked = null)
{
    public string Stamp => string.Join(".", Lines.Select(l => l.Count));

    /// <summary>True only for the stamp of exactly these counts; a missing stamp (the first post) is never confirmed.</summary>
    public bool ConfirmedBy(string? stamp) => Blocked is null && stamp is not null && stamp == Stamp;

    internal static string N(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
