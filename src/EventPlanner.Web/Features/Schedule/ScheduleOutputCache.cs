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

    // The layout reads TempData (the flash message), and the cookie provider then answers with a deletion of
    // its cookie even when there was none. For a reader without that cookie the deletion says nothing.
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true && !http.Request.Headers.ContainsKey(HeaderNames.Authorization)
            && !http.Request.Cookies.ContainsKey(TempDataCookie); // a flash message waits for this reader: render it fresh
        var read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        context.EnableOutputCaching = anonymous && read;
        if (context.EnableOutputCaching)
        {
            // Runs last of the OnStarting callbacks (registered first), after TempData has added its deletion.
            http.Response.OnStarting(() =>
            {
                var cookies = http.Response.Headers.SetCookie;
                if (cookies.Count > 0 && cookies.All(c => c?.StartsWith(TempDataCookie + "=;", StringComparison.Ordinal) == true))
                {
                    http.Response.Headers.Remove(HeaderNames.SetCookie);
                }
                return Task.CompletedTask;
            });
        }
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
