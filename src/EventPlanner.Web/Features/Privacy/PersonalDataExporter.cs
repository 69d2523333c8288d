using System.Text.Json;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>
/// Builds the one JSON file of everything the app holds about a person, one section per contributing feature.
/// Small exports are answered at once; a large one (more records than <see cref="InlineLimit"/>) is built by
/// <see cref="ExportJob"/> and its link mailed.
/// </summary>
public sealed class PersonalDataExporter(Db db, TimeProvider clock, IEnumerable<IPersonalDataContributor> contributors)
{
    /// <summary>Above this many records the export is built in the background (a long-time speaker and reviewer, say).</summary>
    public const int InlineLimit = 2000;

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<PersonalDataFile?> BuildAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        if (await PersonalDataEraser.SubjectAsync(c, null, userId) is not { } who) return null;
        var sections = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var contributor in contributors) sections[contributor.Section] = await contributor.ExportAsync(c, who, ct);
        return new PersonalDataFile(clock.GetUtcNow(), who.Email, sections);
    }

    public static byte[] Serialise(PersonalDataFile file) => JsonSerializer.SerializeToUtf8Bytes(file, Json);

    /// <summary>How many records the file holds: list elements, counted one level into each section.</summary>
    public static int Records(PersonalDataFile file) => file.Sections.Values.Sum(Count);

    private static int Count(object section) => section switch
    {
        System.Collections.IDictionary d => d.Values.Cast<object?>().Sum(v => v is System.Collections.ICollection list ? list.Count : 1),
        System.Collections.ICollection list => list.Count,
        _ => 1,
    };
}

/// <summary>The export file: when it was made, whose it is, and each feature's section.</summary>
public sealed record PersonalDataFile(DateTimeOffset ExportedAt, string Account, SortedDictionary<string, object> Sections);
