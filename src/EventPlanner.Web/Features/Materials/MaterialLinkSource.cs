using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// Materials as Schedule shows them with released sessions (public session page, speaker page, schedule.json/xml, the
/// iCal descriptions): uploaded files as frab attachments served here, everything else as links.
/// </summary>
public sealed class MaterialLinkSource(MaterialStore store) : ISessionLinkSource
{
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<SessionLink>>> ForEventAsync(long eventId, CancellationToken ct = default)
    {
        var rows = await store.ListForEventAsync(eventId, ct);
        if (rows.Count == 0) return new Dictionary<long, IReadOnlyList<SessionLink>>();
        return rows.GroupBy(m => m.SessionId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<SessionLink>)g.Select(m => new SessionLink(MaterialRules.ExportType(m.Kind), m.Href(m.Slug!), m.Title, m.IsFile)).ToList());
    }
}
