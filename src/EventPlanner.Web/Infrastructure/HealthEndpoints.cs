using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Infrastructure;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (Db db, CancellationToken ct) =>
        {
            try
            {
                await using var c = await db.OpenAsync(ct);
                await c.ExecuteScalarAsync<int>("SELECT 1");
                return Results.Text("ok");
            }
            catch (Exception e) when (DbErrors.IsUnavailable(e))
            {
                return Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
