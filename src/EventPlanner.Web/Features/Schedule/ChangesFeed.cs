using System.Globalization;
using System.Text;
using System.Xml;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>The public changelog as an Atom feed: one entry per released version.</summary>
public static class ChangesFeed
{
    public static string Atom(ReleaseSnapshot current, IReadOnlyList<ReleaseRow> releases, string baseUrl)
    {
        var page = $"{baseUrl}/events/{current.Slug}/changes";
        var sb = new StringBuilder();
        using (var w = XmlTextScrubber.Create(new StringWriter(sb, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
            w.WriteElementString("title", $"{current.EventName}: schedule changes");
            w.WriteElementString("id", page);
            w.WriteElementString("updated", Stamp(releases.Count > 0 ? releases[0].ReleasedAt : current.ReleasedAt));
            Link(w, page, "alternate");
            Link(w, $"{page}.atom", "self");
            w.WriteStartElement("author");
            w.WriteElementString("name", current.EventName);
            w.WriteEndElement();
            foreach (var r in releases)
            {
                w.WriteStartElement("entry");
                w.WriteElementString("title", $"Schedule version {r.Number}");
                w.WriteElementString("id", $"{page}#version-{r.Number}");
                w.WriteElementString("updated", Stamp(r.ReleasedAt));
                Link(w, $"{page}#version-{r.Number}", "alternate");
                w.WriteStartElement("content");
                w.WriteAttributeString("type", "text");
                w.WriteString(r.Changes.Count == 0
                    ? "No changes to sessions."
                    : string.Join("\n", r.Changes.Select(c => $"{c.Title}: {ChangelogRules.Describe(c, current.Zone)}")));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return sb.ToString();
    }

    private static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter w, string href, string rel)
    {
        w.WriteStartElement("link");
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }
}
