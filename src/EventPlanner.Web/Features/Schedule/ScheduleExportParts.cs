using System.Globalization;
using System.Text;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// A session's parts (a locked lightning line-up, see <see cref="SnapPart"/>) in the exports. The frab/voc formats have
/// no element for parts, so the running order is written into the event's description (read by every consumer) and
/// each part's slides become a link of type "slides", which both schemas allow.
/// </summary>
public static partial class ScheduleExports
{
    public static string DescriptionWithParts(ReleaseSnapshot r, SnapSession s)
    {
        if (s.Parts is not { Count: > 0 } parts) return s.Description;
        var sb = new StringBuilder(s.Description.TrimEnd());
        if (sb.Length > 0) sb.Append("\n\n");
        sb.Append("Line-up:");
        foreach (var p in parts)
        {
            sb.Append('\n').Append(r.Local(p.StartsAt).ToString("HH:mm", CultureInfo.InvariantCulture)).Append(' ').Append(p.Title).Append(" — ").Append(p.Speaker);
        }
        return sb.ToString();
    }

    public static IEnumerable<(string Url, string Title)> PartLinks(SnapSession s, string baseUrl) =>
        (s.Parts ?? []).Where(p => !string.IsNullOrEmpty(p.Link))
            .Select(p => (p.Link!.StartsWith('/') ? baseUrl + p.Link : p.Link!, $"Slides: {p.Title} ({p.Speaker})"));
}
