using System.Collections.Concurrent;
using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace EventPlanner.Web.Infrastructure;

/// <summary>Markdown from users rendered to HTML and then sanitised, so script and event handlers never survive.</summary>
public sealed class Markdown
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    // Sanitising parses the HTML (milliseconds); public pages render the same few texts again and
    // again, so keep recent results. Keyed by the text itself, so an edit is simply a new entry.
    private const int CacheLimit = 2_000;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public Markdown()
    {
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
    }

    public string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        if (_cache.TryGetValue(markdown, out var html)) return html;
        html = _sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, _pipeline));
        if (_cache.Count >= CacheLimit) _cache.Clear();
        _cache[markdown] = html;
        return html;
    }

    public IHtmlContent Render(string? markdown) => new HtmlString(ToSafeHtml(markdown));
}
