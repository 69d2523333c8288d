using System.Diagnostics;
using Npgsql;
using SQLitePCL;

namespace EventPlanner.Web.Data;

/// <summary>
/// Counts the SQL statements the database runs on behalf of one request (or one scope in a test or a benchmark),
/// so "this page runs a fixed number of queries, whatever the data" can be asserted and reported.
/// Off unless <c>EventPlanner:Diagnostics:CountQueries</c> is true: it costs a callback per statement.
/// SQLite counts through its trace hook, so it also sees the PRAGMAs <see cref="Db.OpenAsync"/> runs on each connection
/// and Microsoft.Data.Sqlite's BEGIN/COMMIT; PostgreSQL counts the statements of the commands Npgsql sends (its
/// BEGIN/COMMIT travel with them, uncounted).
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

    private static void Add(int statements)
    {
        if (CurrentTally.Value is { } t) Interlocked.Add(ref t._count, statements);
    }

    /// <summary>
    /// A data source whose commands are counted. PostgreSQL's client has no per-statement hook; Npgsql asks a data
    /// source's tracing filter once per command it sends, so the filter counts the command's statements and declines
    /// the span. Npgsql only asks while something listens to its ActivitySource: <see cref="Listener"/>.
    /// </summary>
    internal static NpgsqlDataSource CountingDataSource(string connectionString)
    {
        _ = Listener.Value;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(command => { Add(Statements(command.CommandText)); return false; })
            .ConfigureBatchFilter(batch => { Add(batch.BatchCommands.Count); return false; }));
        return builder.Build();
    }

    // Samples nothing: no span is ever recorded, it only makes Npgsql consult the filters above.
    private static readonly Lazy<ActivityListener> Listener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>
    /// The statements of one command text, as SQLite's hook would count them: the non-empty pieces between
    /// semicolons outside quotes, dollar quotes and comments.
    /// </summary>
    internal static int Statements(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) return 0;
        var count = 0;
        var pending = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var ch = sql[i];
            if (ch is '\'' or '"')
            {
                var end = sql.IndexOf(ch, i + 1);
                i = end < 0 ? sql.Length : end;
                pending = true;
            }
            else if (ch == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
            }
            else if (ch == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (ch == '$' && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length - 1;
                pending = true;
            }
            else if (ch == ';')
            {
                if (pending) count++;
                pending = false;
            }
            else if (!char.IsWhiteSpace(ch))
            {
                pending = true;
            }
        }
        return pending ? count + 1 : count;
    }

    // $$ or $name$ opens a dollar-quoted string; $1 (a positional parameter) does not.
    private static string? DollarTag(string sql, int at)
    {
        var i = at + 1;
        while (i < sql.Length && (char.IsLetter(sql[i]) || sql[i] == '_' || (i > at + 1 && char.IsDigit(sql[i])))) i++;
        return i < sql.Length && sql[i] == '$' ? sql[at..(i + 1)] : null;
    }

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
