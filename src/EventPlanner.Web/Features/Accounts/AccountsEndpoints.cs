using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Accounts;

public sealed record MeResponse(long Id, string Email, string DisplayName, bool IsAdmin);
public sealed record CreateTokenRequest(string? Name);
public sealed record ApiTokenResponse(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
public sealed record CreatedTokenResponse(ApiTokenResponse Token, string Secret);

public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Account").RequireAuthorization(Policies.SignedIn);

        me.MapGet("", async Task<Ok<MeResponse>> (HttpContext http, UserQueries users) =>
        {
            var id = http.User.RequiredUserId();
            return TypedResults.Ok(new MeResponse(id, http.User.Identity!.Name!, http.User.DisplayNameOf(), await users.IsAdminAsync(id)));
        }).WithSummary("The signed-in user");

        me.MapGet("/tokens", async (HttpContext http, ApiTokenStore tokens) =>
            TypedResults.Ok((await tokens.ListAsync(http.User.RequiredUserId())).Select(AsResponse)))
            .WithSummary("List your personal API tokens (secrets are never shown again)");

        me.MapPost("/tokens", async Task<Results<Created<CreatedTokenResponse>, ValidationProblem>> (CreateTokenRequest request, HttpContext http, ApiTokenStore tokens) =>
        {
            var errors = new Validator();
            var name = errors.Required(nameof(request.Name), request.Name, maxLength: 100);
            if (errors.HasErrors) return errors.Problem();
            var (row, secret) = await tokens.CreateAsync(http.User.RequiredUserId(), name!);
            return TypedResults.Created($"/api/me/tokens/{row.Id}", new CreatedTokenResponse(AsResponse(row), secret));
        }).WithSummary("Create a personal API token; the secret is in this response only");

        me.MapDelete("/tokens/{id:long}", async Task<Results<NoContent, NotFound>> (long id, HttpContext http, ApiTokenStore tokens) =>
            await tokens.RevokeAsync(http.User.RequiredUserId(), id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Revoke one of your API tokens");

        return app;
    }

    private static ApiTokenResponse AsResponse(ApiTokenRow row) =>
        new(row.Id, row.Name, row.Prefix, row.CreatedAt, row.LastUsedAt, row.RevokedAt);
}
