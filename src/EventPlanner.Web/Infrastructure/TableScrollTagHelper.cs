using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Puts every table of every page in a box of its own that scrolls sideways, so a table wider than a phone
/// never widens the page (issue 14). Done once here rather than on forty tables by hand, so a new table cannot
/// forget it. The box is a labelled, focusable region because keyboard users must be able to scroll it (axe's
/// scrollable-region-focusable); its label is the table's own (aria-labelledby, aria-label or caption).
/// A table marked <c>data-no-scroll-box</c> is left alone (one that becomes cards on a phone).
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class TableScrollTagHelper : TagHelper
{
    // After the framework's own tag helpers, so it sees their final output.
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.ContainsName("data-no-scroll-box"))
        {
            output.Attributes.RemoveAll("data-no-scroll-box");
            return;
        }
        string label;
        if (output.Attributes.TryGetAttribute("aria-labelledby", out var labelledBy))
        {
            label = $"aria-labelledby=\"{WebUtility.HtmlEncode(labelledBy.Value?.ToString())}\"";
        }
        else
        {
            var text = output.Attributes.TryGetAttribute("aria-label", out var own) ? own.Value?.ToString() : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                var content = (await output.GetChildContentAsync()).GetContent();
                var caption = Caption().Match(content);
                text = caption.Success ? WebUtility.HtmlDecode(Tags().Replace(caption.Groups[1].Value, "")).Trim() : null;
            }
            label = $"aria-label=\"{WebUtility.HtmlEncode(string.IsNullOrWhiteSpace(text) ? "Table" : text)}\"";
        }
        output.PreElement.AppendHtml($"<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" {label}>");
        output.PostElement.AppendHtml("</div>");
    }

    [GeneratedRegex(@"<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
