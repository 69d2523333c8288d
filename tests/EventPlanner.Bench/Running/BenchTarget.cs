using EventPlanner.Web.Data;

namespace EventPlanner.Bench.Running;

/// <summary>
/// What a scenario runs against: an engine and how many app processes share its database. SQLite is one process's
/// database, so it has one node; PostgreSQL runs with one or two (issue 19), the load split across them.
/// </summary>
public sealed record BenchTarget(DbProvider Engine, int Nodes)
{
    public static readonly BenchTarget Sqlite = new(DbProvider.Sqlite, 1);
    public static readonly BenchTarget PostgresOneNode = new(DbProvider.Postgres, 1);
    public static readonly BenchTarget PostgresTwoNodes = new(DbProvider.Postgres, 2);

    public bool IsPostgres => Engine == DbProvider.Postgres;

    /// <summary>"sqlite" or "postgres", as on the command line and in the JSON.</summary>
    public string EngineName => IsPostgres ? "postgres" : "sqlite";

    /// <summary>How report rows are labelled: "SQLite 1 node", "PostgreSQL 2 nodes".</summary>
    public string Label => $"{(IsPostgres ? "PostgreSQL" : "SQLite")} {Nodes} node{(Nodes == 1 ? "" : "s")}";

    public override string ToString() => Label;
}
