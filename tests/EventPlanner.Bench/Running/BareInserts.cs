using System.Diagnostics;
using Dapper;
using EventPlanner.Bench.Generator;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Running;

/// <summary>
/// The floor under any write endpoint: single-row INSERTs, each in its own transaction, from concurrent
/// tasks, on a given SQLite file. It goes through the app's own <see cref="Db"/> (same connection string,
/// pooling, WAL, foreign_keys and busy_timeout pragmas, BEGIN IMMEDIATE), so the only difference from the
/// app is everything else: HTTP, auth, validation, the other statements of the transaction, the response.
/// The rows go into a scratch table as wide as <c>proposals</c> (22 columns), dropped afterwards.
/// </summary>
public static class BareInserts
{
    private const string Table = "bench_bare_inserts";

    public static async Task<LoadResult> RunAsync(string dataDirectory, int count, int tasks, Func<int, (string Title, string Abstract, string Description)> text,
        string label, CancellationToken ct)
    {
        await using var services = DataGenerator.CreateServices(dataDirectory, TimeProvider.System);
        var db = services.GetRequiredService<Db>();
        await db.WriteAsync((c, tx) => c.ExecuteAsync($"""
            DROP TABLE IF EXISTS {Table};
            CREATE TABLE {Table} (
                id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL, session_type_id INTEGER NOT NULL, title TEXT NOT NULL,
                abstract TEXT NOT NULL, description TEXT NOT NULL, duration_minutes INTEGER, audience_level TEXT NOT NULL,
                language TEXT NOT NULL, notes TEXT NOT NULL, availability TEXT NOT NULL, state TEXT NOT NULL, released_state TEXT NOT NULL,
                access_code_id INTEGER, submitted_late INTEGER NOT NULL, version INTEGER NOT NULL, copied_from_id INTEGER,
                created_by INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, submitted_at TEXT, withdrawn_at TEXT);
            """, transaction: tx), ct);
        try
        {
            var latencies = new long[count];
            var next = -1;
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Math.Min(tasks, count)).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var (title, @abstract, description) = text(i);
                    var now = DateTimeOffset.UtcNow;
                    var start = Stopwatch.GetTimestamp();
                    await db.WriteAsync((c, tx) => c.ExecuteAsync($"""
                        INSERT INTO {Table} (event_id, session_type_id, title, abstract, description, duration_minutes, audience_level, language, notes,
                            availability, state, released_state, access_code_id, submitted_late, version, copied_from_id, created_by, created_at, updated_at,
                            submitted_at, withdrawn_at)
                        VALUES (1, 1, @title, @abstract, @description, 25, 'all', 'English', '', '[]', 'submitted', 'submitted', NULL, 0, 1, NULL,
                            @i, @now, @now, @now, NULL)
                        """, new { title, @abstract, description, i, now }, tx), ct);
                    latencies[i] = Stopwatch.GetTimestamp() - start;
                }
            }, ct)));
            var seconds = watch.Elapsed.TotalSeconds;
            var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
            var stored = await CountAsync(db, ct);
            return new LoadResult
            {
                Label = label,
                Path = Path.Combine(dataDirectory, "eventplanner.db"),
                Baseline = true,
                Requests = count,
                Errors = count - stored,
                FirstError = stored == count ? null : $"{count - stored} of {count} rows missing afterwards",
                Seconds = seconds,
                RequestsPerSecond = count / seconds,
                Latency = LatencyStats.From(latencies),
                ClientCpuPercent = 100 * cpu.TotalSeconds / seconds,
            };
        }
        finally
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync($"DROP TABLE IF EXISTS {Table}", transaction: tx), CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<long> CountAsync(Db db, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {Table}");
    }
}
