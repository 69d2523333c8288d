using System.Globalization;
using System.Net;
using System.Text;

namespace EventPlanner.Web.Pages.Surveys;

/// <summary>
/// A horizontal bar chart as inline SVG drawn on the server (survey answers, session ratings): no script; role="img"
/// with a title and a description that reads the numbers out; the page prints the same numbers in a table as well.
/// Horizontal, so long option labels wrap nowhere and the chart scales down to a phone.
/// </summary>
public static class BarChart
{
    public sealed record Bar(string Label, int Count);

    public static string Svg(string id, string title, IReadOnlyList<Bar> bars)
    {
        const int width = 480, left = 150, barHeight = 20, gap = 8, top = 4;
        var height = top + Math.Max(1, bars.Count) * (barHeight + gap);
        var max = Math.Max(1, bars.Select(b => b.Count).DefaultIfEmpty(0).Max());
        var scale = (width - left - 40) / (double)max;
        var description = string.Join("; ", bars.Select(b => $"{b.Label}: {b.Count}")) + ".";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="100%" class="chart bar-chart" xmlns="http://www.w3.org/2000/svg">""");
        sb.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{E(title)}</title><desc id="{id}-desc">{E(description)}</desc>""");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + i * (barHeight + gap);
            var w = b.Count * scale;
            var label = b.Label.Length > 24 ? b.Label[..23] + "…" : b.Label;
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{left - 6}" y="{y + 14}" font-size="12" text-anchor="end" fill="currentColor">{E(label)}</text>""");
            sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{left}" y="{y}" width="{N(w)}" height="{barHeight}" fill="#1f6fb4"><title>{E(b.Label)}: {b.Count}</title></rect>""");
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(left + w + 4)}" y="{y + 14}" font-size="12" fill="currentColor">{b.Count}</text>""");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
