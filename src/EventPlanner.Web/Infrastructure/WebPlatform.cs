using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace EventPlanner.Web.Infrastructure;

/// <summary>Cross-cutting web plumbing: problem details, error pages, security headers, rate limits, size limits.</summary>
public static class WebPlatform
{
    public const string AuthRateLimit = "auth";

    /// <summary>Largest JSON body the API reads; uploads go through their own forms.</summary>
    public const long ApiBodyLimit = 256 * 1024;

    /// <summary>API uploads (paths ending in /upload, e.g. a lightning talk's slides) may use the form limit; the endpoint checks its own size.</summary>
    public const long UploadBodyLimit = 16 * 1024 * 1024;

    /// <summary>Longest query string the app reads; a longer one is a 414 with problem details (API) or the error page.</summary>
    public const int QueryLimit = 8 * 1024;

    /// <summary>
    /// Kestrel's own request-line limit, raised above <see cref="QueryLimit"/> so an over-long query reaches the pipeline
    /// and gets a body. Kestrel answers what it refuses by itself (a request line past this, a NUL (%00) in the path,
    /// malformed HTTP) before any middleware runs, with a bare 400/414 and no body: no hook exists for those.
    /// </summary>
    public const int KestrelRequestLineLimit = 128 * 1024;

    public static IServiceCollection AddWebPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Let bad JSON reach the exception handler, which turns it into a 400 problem with the reason.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 16 * 1024 * 1024);
        services.AddAntiforgery(o => o.Cookie.Name = "ep.af");
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = KestrelRequestLineLimit);

        var permits = configuration.GetValue("EventPlanner:RateLimits:AuthPermitsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // No body here: the status-code pages below answer it like every other 4xx (the site's error page
            // for a form post, problem details under /api), so a refused person still sees the site's layout.
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            // Only form posts count (logging in, registering, asking for a reset), per client address.
            o.AddPolicy(AuthRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        services.AddSingleton<Markdown>();
        services.AddSingleton<AppUrls>();
        return services;
    }

    public static WebApplication UseWebPlatform(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(ctx => !IsApi(ctx), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.Use(SecurityHeaders);
        app.Use(LimitQueries);
        app.Use(LimitApiBodies);
        return app;
    }

    public static bool IsApi(HttpContext ctx) => IsApi(ctx.Request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    private static Task SecurityHeaders(HttpContext ctx, Func<Task> next)
    {
        var headers = ctx.Response.Headers;
        // Notifications: the Hangfire dashboard (/hangfire, site administrators only) ships its own
        // jQuery, which runs scripts found in the HTML it loads (globalEval, an inline script), so
        // only there script-src also allows 'unsafe-inline'. Every other page keeps the strict policy.
        var scripts = ctx.Request.Path.StartsWithSegments("/hangfire") ? "'self' 'unsafe-inline'" : "'self'";
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Links carry one-time tokens (set-up, reset, invitations): never leak them to other sites.
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
        return next();
    }

    private static Task LimitQueries(HttpContext ctx, Func<Task> next)
    {
        // The error page re-executes with the same query string: let it through then.
        if (ctx.Request.QueryString.Value?.Length > QueryLimit && ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
        {
            throw new BadHttpRequestException(
                $"The query string is {ctx.Request.QueryString.Value.Length} characters; at most {QueryLimit} are read.",
                StatusCodes.Status414UriTooLong);
        }
        return next();
    }

    /// <summary>
    /// The body an API upload may send: <see cref="UploadBodyLimit"/>, except session materials (paths ending in
    /// /materials/upload), whose limit is the site's uploads limit (<c>EventPlanner:Uploads:MaxBytes</c>, 50 MB by default)
    /// plus room for the form around the file. That endpoint reads its form with its own limits and checks the file's size.
    /// </summary>
    private static long UploadLimit(HttpContext ctx)
    {
        if (ctx.Request.Path.Value?.EndsWith("/materials/upload", StringComparison.Ordinal) != true) return UploadBodyLimit;
        var configured = ctx.RequestServices.GetRequiredService<IConfiguration>()["EventPlanner:Uploads:MaxBytes"];
        return Math.Min(long.TryParse(configured, out var max) && max > 0 ? max : DefaultUploadBytes, UploadCeiling) + UploadFormOverhead;
    }

    /// <summary>Session materials' default size limit (50 MB); <see cref="UploadCeiling"/> bounds what configuration may set.</summary>
    public const long DefaultUploadBytes = 50L * 1024 * 1024;
    public const long UploadCeiling = 512L * 1024 * 1024;

    /// <summary>The multipart headers and small fields around an uploaded file.</summary>
    public const long UploadFormOverhead = 64 * 1024;

    private static Task LimitApiBodies(HttpContext ctx, Func<Task> next)
    {
        if (!IsApi(ctx)) return next();
        var max = ctx.Request.Path.Value?.EndsWith("/upload", StringComparison.Ordinal) == true ? UploadLimit(ctx) : ApiBodyLimit;
        if (ctx.Request.ContentLength > max)
        {
            throw new BadHttpRequestException(
                $"The request body is {ctx.Request.ContentLength} bytes; the API accepts at most {max} bytes.",
                StatusCodes.Status413PayloadTooLarge);
        }
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }
        return next();
    }
}
