using System.Text.RegularExpressions;

namespace EventPlanner.Tests.Architecture;

/// <summary>
/// Every table has exactly one feature whose code writes it; another feature that must change it inside its own
/// transaction calls the owner's <c>...InAsync(connection, transaction, ...)</c> method. Read from the SQL text of
/// the .cs files under src/EventPlanner.Web/Features/&lt;Feature&gt;/. Only Features/ is read: the demo seeder
/// (src/EventPlanner.Web/Demo/) writes every feature's tables to fill an empty database and is exempt, and
/// Data/ and Infrastructure/ are the foundation (Infrastructure's outbox API writes the notification rows that
/// Notifications delivers).
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed partial class TableOwnershipTests
{
    /// <summary>
    /// SQL keywords in capitals (as every statement in the code is written), table names in lower case, so the
    /// wording of a mail ("Update your profile") is not taken for SQL.
    /// </summary>
    [GeneratedRegex(@"\b(?:INSERT\s+(?:OR\s+(?:ABORT|FAIL|IGNORE|REPLACE|ROLLBACK)\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)\b")]
    private static partial Regex WriteStatement();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    public sealed record SourceFile(string Feature, string Path, string Text);

    /// <summary>Which features write each table, and in which files. Whole-line comments do not count.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> WritersByTable(IEnumerable<SourceFile> files)
    {
        var writers = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var code = string.Join('\n', BlockComment().Replace(file.Text, "").Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (Match m in WriteStatement().Matches(code))
            {
                var table = m.Groups[1].Value;
                if (!writers.TryGetValue(table, out var byFeature)) writers[table] = byFeature = new(StringComparer.Ordinal);
                if (!byFeature.TryGetValue(file.Feature, out var paths)) byFeature[file.Feature] = paths = new(StringComparer.Ordinal);
                paths.Add(file.Path);
            }
        }
        return writers.ToDictionary(t => t.Key,
            t => (IReadOnlyDictionary<string, IReadOnlyList<string>>)t.Value.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.ToList()));
    }

    /// <summary>The tables with more than one writing feature, one line each, naming the features and their files.</summary>
    public static IReadOnlyList<string> SharedTables(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> writers) =>
        writers.Where(t => t.Value.Count > 1)
            .Select(t => $"{t.Key} is written by {string.Join(" and ", t.Value.Select(f => $"{f.Key} ({string.Join(", ", f.Value)})"))}")
            .ToList();

    private static readonly Lazy<IReadOnlyList<SourceFile>> FeatureSources = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventPlanner.sln"))) dir = dir.Parent;
        var features = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("No EventPlanner.sln above the test binaries."),
            "src", "EventPlanner.Web", "Features");
        return Directory.GetDirectories(features)
            .SelectMany(f => Directory.GetFiles(f, "*.cs", SearchOption.AllDirectories)
                .Select(p => new SourceFile(Path.GetFileName(f), Path.GetRelativePath(features, p).Replace('\\', '/'), File.ReadAllText(p))))
            .ToList();
    });

    [Fact]
    public void Every_table_is_written_by_one_feature_only()
    {
        var writers = WritersByTable(FeatureSources.Value);

        Assert.True(writers.Count > 30, $"Found writes to only {writers.Count} tables: is the SQL still where this test looks?");
        Assert.Empty(SharedTables(writers));
    }

    [Theory]
    [InlineData("schedule_sessions", "Schedule")]
    [InlineData("schedule_session_speakers", "Schedule")]
    [InlineData("tracks", "Events")]
    [InlineData("lightning_sessions", "Lightning")]
    [InlineData("community_block_sessions", "Community")]
    [InlineData("bofs", "Bofs")]
    [InlineData("social_invitations", "Social")]
    [InlineData("session_materials", "Materials")]
    public void The_owner_writes_its_table(string table, string owner)
    {
        var writers = WritersByTable(FeatureSources.Value);

        Assert.Equal([owner], writers[table].Keys);
    }

    [Theory]
    [InlineData("Bofs")]
    [InlineData("Community")]
    [InlineData("Lightning")]
    public void Self_service_sessions_go_through_Schedules_writes(string feature)
    {
        var code = FeatureSources.Value.Where(f => f.Feature == feature).ToList();

        Assert.NotEmpty(code);
        Assert.DoesNotContain(WritersByTable(code), t => t.Key.StartsWith("schedule_session", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_finds_each_kind_of_write_and_a_second_writer()
    {
        var files = new[]
        {
            new SourceFile("A", "A/Store.cs", """
                await c.ExecuteAsync("INSERT INTO alpha (id) VALUES (1)");
                await c.ExecuteAsync("UPDATE beta SET x = 1 WHERE id = 2");
                await c.ExecuteAsync(@"DELETE FROM gamma WHERE id = 3");
                await c.ExecuteAsync("INSERT OR IGNORE INTO delta (id) VALUES (4) ON CONFLICT (id) DO UPDATE SET id = 4");
                await c.ExecuteAsync("REPLACE INTO epsilon (id) VALUES (5)");
                """),
            new SourceFile("B", "B/Other.cs", """
                // An UPDATE alpha in a comment is not a write.
                /* nor is DELETE FROM gamma here */
                var subject = "Please update your profile";
                await c.ExecuteAsync(
                    "UPDATE   alpha SET y = 2");
                """),
        };

        var writers = WritersByTable(files);

        Assert.Equal(["alpha", "beta", "delta", "epsilon", "gamma"], writers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["A", "B"], writers["alpha"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["A"], writers["gamma"].Keys);
        Assert.Equal(["alpha is written by A (A/Store.cs) and B (B/Other.cs)"], SharedTables(writers));
    }
}
