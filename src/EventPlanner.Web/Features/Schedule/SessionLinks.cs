namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// A link or file shown with a released session that is not part of the release (slides, a recording, code), so it
/// appears at once without a new release. <paramref name="Type"/> is one of the frab/voc reference types (slides,
/// paper, web, media, related…); <paramref name="Attachment"/>: a file this site serves (frab's <c>attachments</c>),
/// otherwise a link elsewhere (frab's <c>links</c>). <paramref name="Url"/> is absolute or app-relative.
/// </summary>
public sealed record SessionLink(string Type, string Url, string Title, bool Attachment);

/// <summary>
/// A feature listed after Schedule that adds links to released sessions (Materials) registers one
/// (<c>services.AddSingleton&lt;ISessionLinkSource, …&gt;()</c>), so the exports and public pages name none of them.
/// Asked by <see cref="ReleaseCache"/> whenever the public data version moved: the writer's tables must bump it
/// (a trigger, like migration 0015's), or the exports will not follow.
/// </summary>
public interface ISessionLinkSource
{
    /// <summary>The event's links by session id, in the order to show them; sessions without any are left out.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<SessionLink>>> ForEventAsync(long eventId, CancellationToken ct = default);
}

/// <summary>The links of all sources for one event, merged; compared by value so an unchanged set keeps its built exports.</summary>
public sealed class SessionLinkSet
{
    public static readonly SessionLinkSet Empty = new(new Dictionary<long, IReadOnlyList<SessionLink>>());

    public SessionLinkSet(IReadOnlyDictionary<long, IReadOnlyList<SessionLink>> bySession)
    {
        BySession = bySession;
        Key = string.Join('\n', bySession.OrderBy(p => p.Key).SelectMany(p => p.Value.Select(l => $"{p.Key}\t{l.Type}\t{l.Attachment}\t{l.Url}\t{l.Title}")));
    }

    public IReadOnlyDictionary<long, IReadOnlyList<SessionLink>> BySession { get; }

    /// <summary>Every link written out, so two sets with the same links compare equal.</summary>
    public string Key { get; }

    public bool IsEmpty => BySession.Count == 0;

    public IReadOnlyList<SessionLink> For(long sessionId) => BySession.TryGetValue(sessionId, out var list) ? list : [];

    public static async Task<SessionLinkSet> ReadAsync(IEnumerable<ISessionLinkSource> sources, long eventId, CancellationToken ct)
    {
        var merged = new Dictionary<long, IReadOnlyList<SessionLink>>();
        foreach (var source in sources)
        {
            foreach (var (sessionId, links) in await source.ForEventAsync(eventId, ct))
            {
                merged[sessionId] = merged.TryGetValue(sessionId, out var before) ? [.. before, .. links] : links;
            }
        }
        return merged.Count == 0 ? Empty : new SessionLinkSet(merged);
    }
}
