using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests may use. <c>EVENTPLANNER_TEST_POSTGRES</c> names one by an admin connection string
/// (CI starts a throw-away cluster and sets it); without it, the first test that needs a server starts its own with
/// <c>.ci/postgres-throwaway</c> (Debian's postgresql package installed) and stops it when the run ends.
/// <c>EVENTPLANNER_TEST_ENGINE=postgres</c> moves the test hosts themselves onto it (<see cref="EventPlannerApp"/>).
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "EVENTPLANNER_TEST_POSTGRES";
    public const string EngineVariable = "EVENTPLANNER_TEST_ENGINE";

    private static readonly Lazy<string> Admin = new(FindOrStart, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the test hosts run on PostgreSQL in this run.</summary>
    public static bool HostsRunOnPostgres =>
        string.Equals(Environment.GetEnvironmentVariable(EngineVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string AdminConnectionString => Admin.Value;

    /// <summary>
    /// The connection string of database <paramref name="name"/> on the test server, with the app's own pool defaults
    /// (<see cref="EventPlanner.Web.Data.Db.WithPoolDefaults"/>: 40 connections, 30 s to get one) and Npgsql's 30 s
    /// command timeout: a rush of writers waits in the app's in-memory write gates, not for a connection, so the tests
    /// need no longer timeouts than production has.
    /// </summary>
    public static string ConnectionStringFor(string name) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();

    /// <summary>Creates an empty database, or a copy of <paramref name="template"/> (a file-level copy: fast).</summary>
    public static string CreateDatabase(string prefix, string? template = null)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute(sql);
                return name;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Another copy of the template is being made at this instant; copies take turns.
                Thread.Sleep(50 * attempt);
            }
        }
    }

    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionStringFor(name)));
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ToString());
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FindOrStart()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured) return configured;
        var script = FindScript() ?? throw new InvalidOperationException(
            $"No PostgreSQL server for the tests: set {ServerVariable} to an admin connection string, or install Debian's " +
            "postgresql package so the tests can start a throw-away cluster with .ci/postgres-throwaway.");
        var dir = Path.Combine(Path.GetTempPath(), "ep-tests", "pg-" + Guid.NewGuid().ToString("N")[..12]);
        var (code, output, error) = Run(script, "start", dir, FreePort().ToString());
        if (code != 0) throw new InvalidOperationException($".ci/postgres-throwaway could not start a cluster ({code}): {error}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop", dir);
        return output.Trim();
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".ci", "postgres-throwaway");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int Code, string Output, string Error) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
