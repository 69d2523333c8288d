using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace EventPlanner.Bench.Reporting;

/// <summary>Where and how the figures were taken; printed above every table and stored with the JSON.</summary>
public sealed record RunInfo
{
    public required DateTimeOffset StartedAt { get; init; }
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;
    public string DotnetVersion { get; init; } = RuntimeInformation.FrameworkDescription;
    public string Os { get; init; } = RuntimeInformation.OSDescription;
    public string Architecture { get; init; } = RuntimeInformation.OSArchitecture.ToString();
    public string? Commit { get; init; }
    public required string BuildConfiguration { get; init; }
    public int Concurrency { get; init; }
    public double WarmupSeconds { get; init; }
    public double DurationSeconds { get; init; }
    public long? Requests { get; init; }
    public int Seed { get; init; }
    public bool HarnessServerGc { get; init; } = GCSettings.IsServerGC;
    /// <summary>The machine's 1-minute load average (Linux), at the start and the end: other work skews the figures.</summary>
    public double? LoadAverageAtStart { get; init; } = LoadAverage();
    public double? LoadAverageAtEnd { get; init; }
    /// <summary>The PostgreSQL server of the run, when a scenario ran on one (issue 19).</summary>
    public string? Postgres { get; init; }

    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static string? GitCommit(string repoRoot)
    {
        try
        {
            var head = Git(repoRoot, "rev-parse --short HEAD");
            if (head is null) return null;
            var dirty = Git(repoRoot, "status --porcelain --untracked-files=no");
            return string.IsNullOrEmpty(dirty) ? head : head + "+changes";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    private static string? Git(string repoRoot, string arguments)
    {
        var start = new ProcessStartInfo("git", $"-C \"{repoRoot}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : null;
    }
}
