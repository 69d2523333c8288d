using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace EventPlanner.Web.Infrastructure.PageCache;

/// <summary>
/// Public pages (home, event, call for papers, session, speaker, kiosk) rendered once per data version and minute for
/// anonymous readers, then served from memory with a weak ETag (304 on If-None-Match). The key holds
/// <see cref="PublicDataVersion"/>, bumped in the writing transaction by triggers, so a committed change (an event
/// hidden included) is never followed by an older page; and the current minute, because the kiosk's now-and-next,
/// its clock and the call for papers' countdown move with time. Signed-in readers (their name, star buttons, team
/// links, the logout form) always get a fresh page, and nothing that sets a cookie or is not a 200 is stored: a hidden
/// event is a 404 to strangers, so there is nothing of it to store.
/// </summary>
public sealed class PublicPageCache(PublicDataVersion versions, TimeProvider clock) : IOutputCachePolicy
{
    public const string PolicyName = "public-page";

    /// <summary>Stored pages are keyed on the minute, so older entries are never read again; this frees their memory.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    // The layout reads TempData (the flash message), and the cookie provider then answers with a deletion of
    // its cookie even when there was none. For a reader without that cookie the deletion says nothing.
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var anonymous = http.User.Identity?.IsAuthenticated != true && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Cookies.ContainsKey(TempDataCookie); // a flash message waits for this reader: render it fresh
        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        context.EnableOutputCaching = anonymous && read;
        context.AllowCacheLookup = context.EnableOutputCaching;
        context.AllowCacheStorage = context.EnableOutputCaching;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        if (!context.EnableOutputCaching) return ValueTask.CompletedTask;

        var version = versions.Current();
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        context.CacheVaryByRules.VaryByValues["data-version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.CacheVaryByRules.VaryByValues["minute"] = minute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Weak: the response compression outside sends the same page br, gzip or plain under it. Set now, before the
        // page runs, because the output cache takes the headers it stores before the OnStarting callbacks run.
        var response = http.Response;
        response.Headers.ETag = $"W/\"p{version}-{minute}\"";
        // Browsers keep the page but ask again each time; the ETag makes asking cost a 304.
        response.Headers.CacheControl = "no-cache";
        response.OnStarting(() =>
        {
            // Runs last of the OnStarting callbacks (registered first), after TempData has added its deletion.
            var cookies = response.Headers.SetCookie;
            if (cookies.Count > 0 && cookies.All(c => c?.StartsWith(TempDataCookie + "=;", StringComparison.Ordinal) == true))
            {
                response.Headers.Remove(HeaderNames.SetCookie);
            }
            // Not stored (a 404 for a hidden event, a redirect, a fresh cookie): then it has no ETag to revalidate.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
            {
                response.Headers.Remove(HeaderNames.ETag);
            }
            return Task.CompletedTask;
        });
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

public static class PublicPageCacheSetup
{
    public static IServiceCollection AddPublicPageCache(this IServiceCollection services)
    {
        services.TryAddSingleton<PublicDataVersion>();
        services.AddSingleton<PublicPageCache>();
        services.AddOutputCache(o => o.AddPolicy(PublicPageCache.PolicyName, builder => builder.AddPolicy<PublicPageCache>(), excludeDefaultPolicy: true));
        return services;
    }
}
