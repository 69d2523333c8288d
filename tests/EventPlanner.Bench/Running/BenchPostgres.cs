using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EventPlanner.Bench.Running;

/// <summary>
/// The PostgreSQL server of a run with --engine postgres (issue 19): the one named by an admin connection string in
/// <c>EVENTPLANNER_BENCH_POSTGRES</c>, or else a throw-away cluster started with <c>.ci/postgres-throwaway</c> (as the
/// tests do, see TestPostgres) on first use and stopped when the run ends. Every scenario run gets a fresh database;
/// the databases made here are dropped at the end (on a throw-away cluster they go with it).
/// </summary>
public sealed class BenchPostgres(string repoRoot, Action<string> log) : IAsyncDisposable
{
    public const string ServerVariable = "EVENTPLANNER_BENCH_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly SemaphoreSlim _starting = new(1, 1);
    private string? _admin;
    private string? _clusterFolder;

    /// <summary>Where the figures were taken, for the report: the configured server or the throw-away cluster.</summary>
    public string? Description { get; private set; }

    /// <summary>A new empty database, or a copy of <paramref name="template"/>; returns its connection string.</summary>
    public async Task<(string Name, string ConnectionString)> CreateDatabaseAsync(string prefix, string? template, CancellationToken ct)
    {
        var admin = await AdminAsync(ct);
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        await ExecuteAsync(admin, template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", ct);
        _databases.Add(name);
        return (name, ConnectionStringFor(admin, name));
    }

    /// <summary>
    /// The app's connection string for <paramref name="database"/>: generous waits, as in the tests (TestPostgres), since
    /// a rush of 200 clients queues behind the event's advisory lock and beyond the pool on a loaded machine.
    /// </summary>
    private static string ConnectionStringFor(string admin, string database) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database, Timeout = 120, CommandTimeout = 180 }.ToString();

    private async Task<string> AdminAsync(CancellationToken ct)
    {
        await _starting.WaitAsync(ct);
        try
        {
            if (_admin is not null) return _admin;
            if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured)
            {
                _admin = configured;
                var b = new NpgsqlConnectionStringBuilder(configured);
                Description = $"PostgreSQL at {b.Host}:{b.Port} ({ServerVariable})";
            }
            else
            {
                var script = Path.Combine(repoRoot, ".ci", "postgres-throwaway");
                if (!File.Exists(script)) throw new InvalidOperationException($"No PostgreSQL server: set {ServerVariable} or keep {script}.");
                _clusterFolder = Path.Combine(Path.GetTempPath(), "ep-bench", "pg-" + Guid.NewGuid().ToString("N")[..12]);
                log($"  starting a throw-away PostgreSQL cluster in {_clusterFolder} ...");
                var (code, output, error) = await RunAsync(script, ct, "start", _clusterFolder, FreePort().ToString());
                if (code != 0) throw new InvalidOperationException($".ci/postgres-throwaway could not start a cluster ({code}): {error}");
                _admin = output.Trim();
                Description = "throw-away PostgreSQL cluster (.ci/postgres-throwaway: fsync and synchronous_commit off)";
            }
            await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ToString());
            await c.OpenAsync(ct);
            Description += $", server {c.PostgreSqlVersion}";
            return _admin;
        }
        finally
        {
            _starting.Release();
        }
    }

    private static async Task ExecuteAsync(string admin, string sql, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ToString());
        await c.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterFolder is not null)
        {
            await RunAsync(Path.Combine(repoRoot, ".ci", "postgres-throwaway"), CancellationToken.None, "stop", _clusterFolder);
        }
        else if (_admin is not null)
        {
            // A configured server stays; what this run made on it goes.
            foreach (var name in _databases)
            {
                try { await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None); }
                catch (NpgsqlException e) { log($"  could not drop database {name}: {e.Message}"); }
            }
        }
        _starting.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string script, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await error);
    }
}
