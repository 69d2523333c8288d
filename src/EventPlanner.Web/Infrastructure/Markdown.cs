using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace EventPlanner.Web.Infrastructure;

/// <summary>Markdown from users rendered to HTML and then sanitised, so script and event handlers never survive.</summary>
public sealed class Markdown
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public Markdown()
    {
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
    }

    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, _pipeline));

    public IHtmlContent Render(string? markdown) => new HtmlString(ToSafeHtml(markdown));
}
