using SQLitePCL;

namespace EventPlanner.Web.Data;

/// <summary>
/// Counts the SQL statements SQLite runs on behalf of one request (or one scope in a test or a benchmark),
/// so "this page runs a fixed number of queries, whatever the data" can be asserted and reported.
/// Off unless <c>EventPlanner:Diagnostics:CountQueries</c> is true: it costs a native callback per statement.
/// </summary>
public sealed class QueryTally
{
    private static readonly AsyncLocal<QueryTally?> CurrentTally = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public static QueryTally? Current => CurrentTally.Value;

    /// <summary>Starts counting for the current async flow until the returned scope is disposed.</summary>
    public static IDisposable Begin(out QueryTally tally)
    {
        var previous = CurrentTally.Value;
        tally = new QueryTally();
        CurrentTally.Value = tally;
        return new Scope(previous);
    }

    // The legacy trace hook fires once as each statement starts running: what we want to count.
    private static readonly delegate_trace OnStatement = (_, _) =>
    {
        if (CurrentTally.Value is { } t) Interlocked.Increment(ref t._count);
    };

    internal static void Attach(Microsoft.Data.Sqlite.SqliteConnection connection) =>
        raw.sqlite3_trace(connection.Handle, OnStatement, null);

    private sealed class Scope(QueryTally? previous) : IDisposable
    {
        public void Dispose() => CurrentTally.Value = previous;
    }
}

/// <summary>Reports the request's statement count as <c>Server-Timing: db;desc="N queries"</c> when counting is on.</summary>
public static class QueryTallyMiddleware
{
    public static IApplicationBuilder UseQueryTally(this IApplicationBuilder app)
    {
        var enabled = app.ApplicationServices.GetRequiredService<Db>().CountQueries;
        if (!enabled) return app;
        return app.Use(async (ctx, next) =>
        {
            using var scope = QueryTally.Begin(out var tally);
            ctx.Response.OnStarting(() =>
            {
                ctx.Response.Headers.Append("Server-Timing", $"db;desc=\"{tally.Count} queries\"");
                ctx.Response.Headers["X-Query-Count"] = tally.Count.ToString();
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
