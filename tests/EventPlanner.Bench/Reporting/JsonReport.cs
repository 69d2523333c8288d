using System.Text.Json;
using System.Text.Json.Serialization;
using EventPlanner.Bench.Generator;

namespace EventPlanner.Bench.Reporting;

/// <summary>The machine-readable record of a run, one file per run under results/ (git-ignored).</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A run that finds nothing reports NaN (no objective, no first solution) and a ratio over 0 is infinite: written
        // as "NaN" / "Infinity" rather than failing the whole report after the measurements are taken.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<string> WriteAsync(string path, RunInfo info, IEnumerable<GeneratedData> datasets, IEnumerable<ScenarioResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = new
        {
            run = info,
            datasets = datasets.Select(d => new { scale = d.Scale, d.Seed, d.Seconds, d.Steps, digest = d.Digest.Sha256, d.Digest.RowCounts }),
            scenarios = results,
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, Json);
        return path;
    }
}
