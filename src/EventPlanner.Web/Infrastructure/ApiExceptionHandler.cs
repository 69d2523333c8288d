using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Infrastructure;

/// <summary>API errors as RFC 7807 problem details; a request the server cannot read is the client's 4xx, never a 500.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the path that failed.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!WebPlatform.IsApi(path)) return false;
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", Describe(bad)),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side.", "The error was logged; please try again."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled API error");
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException bad)
    {
        // System.Text.Json explains where the JSON went wrong (path and line); pass that on.
        var inner = bad.InnerException?.Message;
        return string.IsNullOrEmpty(inner) ? bad.Message : $"{bad.Message} {inner}";
    }
}
