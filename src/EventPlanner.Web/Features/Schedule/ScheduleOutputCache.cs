using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// The public day grid is rendered once per release, day and filter for anonymous readers and then served from
/// memory; a release evicts the event's pages by tag. Signed-in readers (whose pages carry star buttons and their
/// name in the header) always get a fresh page, and nothing that sets a cookie is stored.
/// </summary>
public sealed class ScheduleOutputCache : IOutputCachePolicy
{
    public const string PolicyName = "public-schedule";

    // A bound on staleness for changes the release does not see (an event hidden by its organisers).
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static string Tag(string slug) => $"schedule:{slug}";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true && !http.Request.Headers.ContainsKey(HeaderNames.Authorization);
        var read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        context.EnableOutputCaching = anonymous && read;
        context.AllowCacheLookup = context.EnableOutputCaching;
        context.AllowCacheStorage = context.EnableOutputCaching;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        if (http.Request.RouteValues["slug"] is string slug) context.Tags.Add(Tag(slug));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
