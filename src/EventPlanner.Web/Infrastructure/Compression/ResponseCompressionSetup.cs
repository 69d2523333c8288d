using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EventPlanner.Web.Infrastructure.Compression;

/// <summary>
/// Brotli and gzip for dynamic text responses (pages, JSON, XML, iCal, Atom), except those that carry a secret an
/// attacker could make the victim's browser fetch next to text the attacker chose (BREACH): compression would leak
/// the secret through the response's length. Those are listed in the README (Performance, "Compression").
/// </summary>
public static class ResponseCompressionSetup
{
    /// <summary>Below this a compressed answer saves less than a packet and costs the CPU anyway.</summary>
    public const int MinimumBytes = 1024;

    /// <summary>The sign-in cookie: every page a signed-in browser gets carries its antiforgery token (the logout form).</summary>
    public const string SessionCookie = "ep.session";

    /// <summary>
    /// Paths whose answers show a secret from the link (ticket, transfer, invitation, unsubscribe, calendar feed),
    /// or account secrets (set-up link, reset tokens, API tokens shown once), whoever asks.
    /// </summary>
    public static readonly string[] SecretPaths =
    [
        "/account", "/setup", "/admin", "/tickets", "/my", "/transfers", "/invitations", "/unsubscribe", "/agenda", "/inbox",
        "/api/me", "/api/my", "/api/account", "/api/tickets", "/api/transfers", "/api/invitations",
    ];

    public static readonly string[] MimeTypes =
    [
        .. ResponseCompressionDefaults.MimeTypes,
        "text/calendar", "text/csv", "application/atom+xml", "application/problem+json", "image/svg+xml",
    ];

    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // HTTPS is where BREACH matters; the rules in SecretBearing keep secrets out of compressed answers instead.
            o.EnableForHttps = true;
            o.MimeTypes = MimeTypes;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Dynamic pages are compressed on every request: the fastest levels keep the CPU for serving.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, GuardedCompressionProvider>();
        return services;
    }

    public static IApplicationBuilder UseCompression(this IApplicationBuilder app) =>
        app.UseResponseCompression().UseMiddleware<PrecompressedStaticFiles>();

    /// <summary>True when the response must go out uncompressed because it may carry a secret (see the README).</summary>
    public static bool SecretBearing(HttpContext context)
    {
        var request = context.Request;
        if (request.Cookies.ContainsKey(SessionCookie)) return true;
        var path = request.Path;
        if (SecretPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))) return true;
        var response = context.Response;
        // Cookies are secrets; antiforgery marks every answer that carries a token no-store (and so does the profile
        // page that shows a new API token once).
        if (response.Headers.ContainsKey(HeaderNames.SetCookie)) return true;
        return response.Headers.CacheControl.Any(v => v?.Contains("no-store", StringComparison.OrdinalIgnoreCase) == true);
    }

    private sealed class GuardedCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context)
        {
            if (context.Response.ContentLength is < MinimumBytes) return false;
            return base.ShouldCompressResponse(context) && !SecretBearing(context);
        }
    }
}
