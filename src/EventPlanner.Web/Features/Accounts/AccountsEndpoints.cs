using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Accounts;

public sealed record MeResponse(long Id, string Email, string DisplayName, bool IsAdmin);
public sealed record CreateTokenRequest(string? Name);
public sealed record UpdateMeRequest(string? DisplayName);
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

        // The password and deleting the account stay on the profile page, behind the current password: a token is a
        // lesser credential and must not be able to take the account over or end it.
        me.MapPut("", async Task<Results<Ok<MeResponse>, ValidationProblem, NotFound>> (UpdateMeRequest request, HttpContext http,
            Microsoft.AspNetCore.Identity.UserManager<AppUser> users, UserQueries queries) =>
        {
            var v = new Validator();
            var name = v.Required("displayName", request.DisplayName, 100, "Display name");
            if (v.HasErrors) return v.Problem();
            if (await users.GetUserAsync(http.User) is not { } user) return TypedResults.NotFound();
            user.DisplayName = name!;
            var result = await users.UpdateAsync(user);
            if (!result.Succeeded)
            {
                foreach (var e in result.Errors) v.Add("displayName", e.Description);
                return v.Problem();
            }
            return TypedResults.Ok(new MeResponse(user.Id, user.Email!, user.DisplayName, await queries.IsAdminAsync(user.Id)));
        }).WithSummary("Change your display name (the password and deleting the account are on the profile page only)");

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
