using System.Text.RegularExpressions;

namespace EventPlanner.Tests.Architecture;

/// <summary>
/// One way to write notifications: code outside <c>Infrastructure/Outbox</c> writes them only through
/// <c>Outbox.WriteWithNoticesAsync</c> / <c>WriteLockedWithNoticesAsync</c> and the <c>OutboxBatch</c> those hand in, so
/// no caller can forget the kick after the commit or kick before it. <c>internal</c> cannot say this (the features share
/// the assembly), so the source says it. The one exception is immediate delivery (<c>EnqueueClaimedAsync</c>, used by
/// Notifications' <c>NotificationDelivery</c>): its row is written already claimed and sent by the caller, so it wants no kick.
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine
public sealed partial class OutboxRulesTests
{
    public sealed record SourceFile(string Path, string Text);

    private const string ClaimedException = "Features/Notifications/NotificationDelivery.cs";

    [GeneratedRegex(@"\bnew\s+OutboxBatch\s*\(")]
    private static partial Regex NewBatch();

    [GeneratedRegex(@"\.(EnqueueAsync|KickAfterCommit)\s*\(")]
    private static partial Regex InternalCall();

    [GeneratedRegex(@"\.EnqueueClaimedAsync\s*\(")]
    private static partial Regex ClaimedCall();

    // An Outbox (not a WebhookOutbox) held as a parameter or field: its name, to find kicks by hand.
    [GeneratedRegex(@"(?<![\w.])Outbox\??\s+(_?\w+)\s*[,)=;]")]
    private static partial Regex OutboxVariable();

    /// <summary>Each breach as "path: what", in path order.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<SourceFile> files)
    {
        var found = new List<string>();
        foreach (var file in files.Where(f => !f.Path.StartsWith("Infrastructure/Outbox/", StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var code = string.Join('\n', file.Text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            if (NewBatch().IsMatch(code)) found.Add($"{file.Path}: makes its own OutboxBatch (use Outbox.WriteWithNoticesAsync)");
            foreach (Match m in InternalCall().Matches(code)) found.Add($"{file.Path}: calls {m.Groups[1].Value} (add to the batch of Outbox.WriteWithNoticesAsync)");
            if (file.Path != ClaimedException && ClaimedCall().IsMatch(code)) found.Add($"{file.Path}: writes a claimed notification (only immediate delivery may)");
            foreach (var name in OutboxVariable().Matches(code).Select(m => m.Groups[1].Value).Distinct())
            {
                if (Regex.IsMatch(code, $@"\b{Regex.Escape(name)}\.Kick\s*\(")) found.Add($"{file.Path}: kicks the outbox by hand ({name}.Kick)");
            }
        }
        return found;
    }

    private static IReadOnlyList<SourceFile> WebSources()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventPlanner.sln"))) dir = dir.Parent;
        var web = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("No EventPlanner.sln above the test binaries."), "src", "EventPlanner.Web");
        return Directory.GetFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(p => new SourceFile(Path.GetRelativePath(web, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
    }

    [Fact]
    public void The_app_writes_notifications_only_through_the_outbox_write()
    {
        var files = WebSources();
        Assert.Contains(files, f => f.Path == ClaimedException && ClaimedCall().IsMatch(f.Text)); // the scan sees the code it guards
        Assert.Empty(Violations(files));
    }

    [Fact]
    public void The_rule_catches_each_old_way()
    {
        var bad = new[]
        {
            new SourceFile("Features/A/Inline.cs", """
                public sealed class Inline(Db db, Outbox outbox)
                {
                    public async Task Go() { await db.WriteAsync((c, tx) => outbox.EnqueueAsync(c, tx, request)); outbox.Kick(); }
                }
                """),
            new SourceFile("Features/B/OwnBatch.cs", "var batch = new OutboxBatch(outbox); batch.KickAfterCommit();"),
            new SourceFile("Features/C/Claimed.cs", "await outbox.EnqueueClaimedAsync(c, tx, request);"),
            // Allowed: the outbox itself, the webhook outbox's kick, a commented-out line, and the one claimed exception.
            new SourceFile("Infrastructure/Outbox/Outbox.cs", "internal Task<long?> EnqueueAsync(IDbConnection c) => InsertAsync(c); public void K() => this.Kick();"),
            new SourceFile("Features/D/Hooks.cs", "public sealed class Hooks(WebhookOutbox outbox) { void K() => outbox.Kick(); }"),
            new SourceFile("Features/E/Comment.cs", "    // outbox.EnqueueAsync(c, tx, request) was the old way"),
            new SourceFile(ClaimedException, "await outbox.EnqueueClaimedAsync(c, tx, request);"),
        };

        Assert.Equal(
        [
            "Features/A/Inline.cs: calls EnqueueAsync (add to the batch of Outbox.WriteWithNoticesAsync)",
            "Features/A/Inline.cs: kicks the outbox by hand (outbox.Kick)",
            "Features/B/OwnBatch.cs: makes its own OutboxBatch (use Outbox.WriteWithNoticesAsync)",
            "Features/B/OwnBatch.cs: calls KickAfterCommit (add to the batch of Outbox.WriteWithNoticesAsync)",
            "Features/C/Claimed.cs: writes a claimed notification (only immediate delivery may)",
        ], Violations(bad));
    }
}
