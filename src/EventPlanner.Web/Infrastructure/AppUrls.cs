namespace EventPlanner.Web.Infrastructure;

/// <summary>Absolute links for emails: the configured public URL, else the address of the current request.</summary>
public sealed class AppUrls(IConfiguration configuration, IHttpContextAccessor http)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["EventPlanner:PublicUrl"];
        string baseUrl;
        if (!string.IsNullOrEmpty(configured)) baseUrl = configured.TrimEnd('/');
        else if (http.HttpContext?.Request is { } request) baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        else baseUrl = "http://localhost:5000";
        return baseUrl + pathAndQuery;
    }
}
