using System.Data;
using Dapper;

namespace EventPlanner.Web.Data;

/// <summary>
/// The SQL spellings that differ between SQLite and PostgreSQL, in one place. Most SQL is written in the subset both
/// engines share (ON CONFLICT ... DO NOTHING/UPDATE, RETURNING, COALESCE, lower() for case-blind compares, TRUE and
/// FALSE); a feature whose SQL cannot be (JSON aggregation, list parameters, full-text search) builds its statements
/// from these pieces in one small seam of its own, instead of asking which engine it is on.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect For(DbProvider provider) => provider == DbProvider.Postgres ? Postgres : Sqlite;

    /// <summary>The dialect of an open connection, for in-transaction helpers that are handed a connection, not the Db.</summary>
    public static SqlDialect Of(IDbConnection connection) => connection is Npgsql.NpgsqlConnection ? Postgres : Sqlite;

    public static SqlDialect Sqlite { get; } = new SqliteDialect();
    public static SqlDialect Postgres { get; } = new PostgresDialect();

    /// <summary>A JSON array of <paramref name="expression"/> over the group's rows; '[]' when there are none.</summary>
    public abstract string JsonArrayAgg(string expression);

    /// <summary>The JSON object constructor taking alternating keys and values: json_object / json_build_object.</summary>
    public abstract string JsonObject { get; }

    /// <summary><paramref name="column"/> is one of the list parameter <paramref name="parameter"/> (Dapper expands a
    /// list for SQLite but passes an array to PostgreSQL).</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The text values of the group joined by <paramref name="separator"/> (a SQL literal).</summary>
    public abstract string StringAgg(string expression, string separator);

    /// <summary>Whether text <paramref name="haystack"/> contains <paramref name="needle"/>, literally (no LIKE wildcards).</summary>
    public abstract string Contains(string haystack, string needle);

    /// <summary>The larger of two values (SQLite's two-argument max(), PostgreSQL's greatest()).</summary>
    public abstract string Greatest(string a, string b);

    /// <summary>The smaller of two values.</summary>
    public abstract string Least(string a, string b);

    public abstract Task LockEventAsync(IDbConnection c, IDbTransaction tx, long eventId);

    /// <summary>
    /// A row's physical id, to update the very rows a query read within one transaction (tables without a key of
    /// their own): SQLite's rowid; PostgreSQL's ctid, read as text and compared as a tid.
    /// </summary>
    public abstract string RowIdSelect(string alias);

    public abstract string RowIdEquals(string parameter);

    /// <summary>A fresh random hex token made by the database, to replace many rows' tokens in one statement.</summary>
    public abstract string RandomHexToken { get; }

    /// <summary>A JSON array of the given SQL values, in order (json_array / json_build_array).</summary>
    public abstract string JsonArray { get; }

    /// <summary>A boolean SQL expression as a JSON true/false inside a JSON object (SQLite's flags are 0/1 integers).</summary>
    public abstract string JsonBool(string expression);

    /// <summary>
    /// The clause ending a SELECT that claims rows of <paramref name="alias"/> for one worker (a queue's claim): rows
    /// another transaction has locked are skipped, not waited for and then claimed a second time.
    /// </summary>
    public abstract string ForUpdateSkipLocked(string alias);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string JsonArrayAgg(string expression) => $"json_group_array({expression})";
        public override string JsonObject => "json_object";
        public override string InList(string column, string parameter) => $"{column} IN {parameter}";
        public override string StringAgg(string expression, string separator) => $"group_concat({expression}, {separator})";
        public override string Contains(string haystack, string needle) => $"instr({haystack}, {needle}) > 0";
        public override string Greatest(string a, string b) => $"max({a}, {b})";
        public override string Least(string a, string b) => $"min({a}, {b})";
        // BEGIN IMMEDIATE already holds the database's one write lock for the whole transaction.
        public override Task LockEventAsync(IDbConnection c, IDbTransaction tx, long eventId) => Task.CompletedTask;
        public override string RowIdSelect(string alias) => $"rowid AS {alias}";
        public override string RandomHexToken => "lower(hex(randomblob(24)))";
        public override string RowIdEquals(string parameter) => $"rowid = {parameter}";
        public override string JsonArray => "json_array";
        public override string JsonBool(string expression) => $"json(CASE WHEN {expression} THEN 'true' ELSE 'false' END)";

        // BEGIN IMMEDIATE: no other writer can hold the rows, so there is nothing to skip.
        public override string ForUpdateSkipLocked(string alias) => "";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string JsonArrayAgg(string expression) => $"COALESCE(json_agg({expression}), '[]'::json)";
        public override string JsonObject => "json_build_object";
        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";
        public override string StringAgg(string expression, string separator) => $"string_agg({expression}, {separator})";
        public override string Contains(string haystack, string needle) => $"strpos({haystack}, {needle}) > 0";
        public override string Greatest(string a, string b) => $"greatest({a}, {b})";
        public override string Least(string a, string b) => $"least({a}, {b})";
        public override string RowIdSelect(string alias) => $"ctid::text AS {alias}";
        public override string RandomHexToken => "replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')";
        public override string RowIdEquals(string parameter) => $"ctid = CAST({parameter} AS tid)";
        // Keyed by event id alone: every event-owned invariant shares one lock per event, held until commit.
        public override Task LockEventAsync(IDbConnection c, IDbTransaction tx, long eventId) =>
            c.ExecuteAsync("SELECT pg_advisory_xact_lock(@eventId)", new { eventId }, tx);
        public override string JsonArray => "json_build_array";
        public override string JsonBool(string expression) => $"({expression})";

        public override string ForUpdateSkipLocked(string alias) => $"FOR UPDATE OF {alias} SKIP LOCKED";
    }
}
