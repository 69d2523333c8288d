using Dapper;
using EventPlanner.Web.Data;
using Hangfire;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// /healthz for a load balancer or a process supervisor: the database and the job store (Hangfire's storage, which
/// several nodes share on PostgreSQL) must both answer, else 503, so a proxy stops sending this node requests it could
/// not serve or queue. The body says which part is down and how many Hangfire servers the job store counts alive
/// (every node's, on a shared store).
/// </summary>
public static class HealthEndpoints
{
    public sealed record JobsHealth(string Storage, int Servers);

    public sealed record HealthReport(string Status, string Database, JobsHealth Jobs);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (Db db, JobStorage jobs, ILoggerFactory logs, CancellationToken ct) =>
        {
            var log = logs.CreateLogger(typeof(HealthEndpoints));
            var database = await DatabaseAsync(db, log, ct);
            var store = Jobs(jobs, log);
            var up = database == "ok" && store.Storage == "ok";
            return TypedResults.Json(new HealthReport(up ? "ok" : "unavailable", database, store),
                statusCode: up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<string> DatabaseAsync(Db db, ILogger log, CancellationToken ct)
    {
        try
        {
            await using var c = await db.OpenAsync(ct);
            await c.ExecuteScalarAsync<int>("SELECT 1");
            return "ok";
        }
        catch (Exception e) when (DbErrors.IsUnavailable(e))
        {
            log.LogWarning(e, "/healthz: the database did not answer");
            return "unreachable";
        }
    }

    private static JobsHealth Jobs(JobStorage jobs, ILogger log)
    {
        try
        {
            // Hangfire removes a server whose heartbeat stopped (after its server timeout), so this counts the live ones.
            return new JobsHealth("ok", jobs.GetMonitoringApi().Servers().Count);
        }
        catch (Exception e)
        {
            // Storages throw their own driver's errors (Npgsql, sqlite-net, ...): any failure here means "down".
            log.LogWarning(e, "/healthz: the job store did not answer");
            return new JobsHealth("unreachable", 0);
        }
    }
}
