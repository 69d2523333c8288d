namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Absolute links for emails and exports: the configured public URL, else the address of the current request, else
/// (background jobs, the demo's seeded releases) the first address the app was told to listen on.
/// </summary>
public sealed class AppUrls(IConfiguration configuration, IHttpContextAccessor http)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["EventPlanner:PublicUrl"];
        string baseUrl;
        if (!string.IsNullOrEmpty(configured)) baseUrl = configured.TrimEnd('/');
        else if (http.HttpContext?.Request is { } request) baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        else baseUrl = ListeningBase(configuration["urls"]);
        return baseUrl + pathAndQuery;
    }

    /// <summary>The first of Kestrel's <c>urls</c> (appsettings, --urls or ASPNETCORE_URLS), with a wildcard host read as localhost.</summary>
    public static string ListeningBase(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://*", "://localhost").Replace("://+", "://localhost"), UriKind.Absolute, out var uri))
        {
            return "http://localhost:5000";
        }
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}";
    }
}
