using System.Globalization;
using System.Net;
using System.Text;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The ranking's two charts as inline SVG drawn on the server: no script, and accessible (role="img" with a title
/// and a description that reads out the numbers; the page prints the same numbers in a table next to it).
/// </summary>
public static class RankingCharts
{
    public static readonly IReadOnlyDictionary<string, string> StateColours = new Dictionary<string, string>
    {
        [ProposalStates.Submitted] = "#8c8c8c",
        [ProposalStates.InReview] = "#b3b3b3",
        [ProposalStates.Shortlisted] = "#1f77b4",
        [ProposalStates.Accepted] = "#2ca02c",
        [ProposalStates.Confirmed] = "#0b6e4f",
        [ProposalStates.Waitlisted] = "#e377c2",
        [ProposalStates.Rejected] = "#d62728",
        [ProposalStates.Withdrawn] = "#5a5a5a",
        [ProposalStates.Draft] = "#d9d9d9",
    };

    private static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A column per score band: how many proposals have a total in it.</summary>
    public static string Distribution(IReadOnlyList<ChartBar> bars, string id)
    {
        const int width = 600, height = 240, left = 40, bottom = 40, top = 16;
        var max = Math.Max(1, bars.Max(b => b.Count));
        var slot = (width - left - 10) / (double)Math.Max(1, bars.Count);
        var plot = height - bottom - top;
        var sb = new StringBuilder();
        var description = "Proposals by total score: " + string.Join("; ", bars.Select(b => $"{b.Label}: {b.Count}")) + ".";
        sb.Append(CultureInfo.InvariantCulture, $"""<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="100%" class="chart" xmlns="http://www.w3.org/2000/svg">""");
        sb.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">Score distribution</title><desc id="{id}-desc">{E(description)}</desc>""");
        sb.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="currentColor" />""");
        sb.Append(CultureInfo.InvariantCulture, $"""<text x="4" y="{top + 10}" font-size="11" fill="currentColor">{max}</text><text x="4" y="{height - bottom}" font-size="11" fill="currentColor">0</text>""");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var h = plot * b.Count / (double)max;
            var x = left + i * slot + 4;
            var y = height - bottom - h;
            sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(x)}" y="{N(y)}" width="{N(slot - 8)}" height="{N(h)}" fill="#1f77b4"><title>{E(b.Label)}: {b.Count}</title></rect>""");
            if (b.Count > 0) sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x + (slot - 8) / 2)}" y="{N(y - 3)}" font-size="11" text-anchor="middle" fill="currentColor">{b.Count}</text>""");
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x + (slot - 8) / 2)}" y="{height - bottom + 16}" font-size="10" text-anchor="middle" fill="currentColor">{E(b.Label)}</text>""");
        }
        sb.Append(CultureInfo.InvariantCulture, $"""<text x="{width / 2}" y="{height - 6}" font-size="11" text-anchor="middle" fill="currentColor">total score (0–100)</text>""");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A stacked bar per track: its proposals by state.</summary>
    public static string TrackStates(IReadOnlyList<TrackStateCount> rows, string id)
    {
        var states = ProposalStates.All.Where(s => rows.Any(r => r.ByState.ContainsKey(s))).ToList();
        const int width = 600, left = 130, barHeight = 22, gap = 10, top = 8;
        var legendHeight = 24;
        var height = top + Math.Max(1, rows.Count) * (barHeight + gap) + legendHeight + 8;
        var max = Math.Max(1, rows.Select(r => r.ByState.Values.Sum()).DefaultIfEmpty(0).Max());
        var scale = (width - left - 40) / (double)max;
        var description = "Proposals per track by state: " + string.Join("; ", rows.Select(r =>
            $"{r.Track}: " + string.Join(", ", states.Where(r.ByState.ContainsKey).Select(s => $"{ProposalStates.Label(s).ToLowerInvariant()} {r.ByState[s]}")))) + ".";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="100%" class="chart" xmlns="http://www.w3.org/2000/svg">""");
        sb.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">Proposals by track and state</title><desc id="{id}-desc">{E(description)}</desc>""");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = top + i * (barHeight + gap);
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{left - 6}" y="{y + 15}" font-size="12" text-anchor="end" fill="currentColor">{E(r.Track)}</text>""");
            double x = left;
            foreach (var s in states.Where(r.ByState.ContainsKey))
            {
                var w = r.ByState[s] * scale;
                sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(x)}" y="{y}" width="{N(w)}" height="{barHeight}" fill="{StateColours.GetValueOrDefault(s, "#999")}"><title>{E(r.Track)}, {E(ProposalStates.Label(s))}: {r.ByState[s]}</title></rect>""");
                x += w;
            }
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x + 4)}" y="{y + 15}" font-size="12" fill="currentColor">{r.ByState.Values.Sum()}</text>""");
        }
        var ly = height - legendHeight;
        double lx = 8;
        foreach (var s in states)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(lx)}" y="{ly}" width="12" height="12" fill="{StateColours.GetValueOrDefault(s, "#999")}" />""");
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{N(lx + 16)}" y="{ly + 11}" font-size="11" fill="currentColor">{E(ProposalStates.Label(s))}</text>""");
            lx += 24 + ProposalStates.Label(s).Length * 6.5;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
