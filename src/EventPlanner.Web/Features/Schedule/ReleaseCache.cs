using System.Collections.Concurrent;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Compression;
using EventPlanner.Web.Infrastructure.PageCache;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// A stored export of one release: served as these bytes with this ETag, never rebuilt per request; its br and gzip
/// forms are made once, on the first request that accepts them, and kept with it.
/// </summary>
public sealed record ReleaseFile(string ContentType, byte[] Content, string ETag, DateTimeOffset LastModified)
{
    public PrecompressedBytes Coded { get; } = new(Content);
}

/// <summary>
/// The released schedule of one event as the public pages, exports and kiosk use it. <see cref="Links"/>: what later
/// features show with its sessions now (materials), merged into <see cref="Files"/>; <see cref="Stored"/> keeps the
/// release's own files for when they change again.
/// </summary>
public sealed record CurrentRelease(long EventId, bool IsPublic, ReleaseSnapshot Snapshot, IReadOnlyDictionary<string, ReleaseFile> Files)
{
    public SessionLinkSet Links { get; init; } = SessionLinkSet.Empty;
    public IReadOnlyDictionary<string, ReleaseFile> Stored { get; init; } = Files;
}

/// <summary>
/// Keeps each event's current release (snapshot and stored exports) in memory, so serving schedule.json or a
/// public day costs no rebuild and, between checks, one read of <see cref="PublicDataVersion"/>. A change to events or
/// releases (an event hidden, a release by another node) bumps that version in its own transaction and drops the
/// entry for the next request; the event's visibility and latest release number are re-read at least every
/// <see cref="Freshness"/> as well.
/// <para>
/// Materials (slides, recordings) must show in the exports at once, not at the next release, yet the exports stay
/// bytes built and compressed once. So the cache merges them: whenever the data version moved (the materials tables
/// bump it by trigger, in the writing transaction), it asks each <see cref="ISessionLinkSource"/> (one statement) and,
/// only when the links differ from what it holds, rebuilds schedule.json/xml/ics from the snapshot with the links,
/// under a new ETag (so readers revalidating get the new bytes, never a stale 304). The stored release files are
/// untouched: a release stays what was released, and the merged bytes are compressed once per change, like a release.
/// </para>
/// </summary>
public sealed class ReleaseCache(Db db, PublicDataVersion versions, IEnumerable<ISessionLinkSource> linkSources, AppUrls urls, TimeProvider clock)
{
    private readonly ISessionLinkSource[] _linkSources = linkSources.ToArray();

    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private sealed record Entry(long EventId, bool IsPublic, int? Number, string? JsonETag, CurrentRelease? Release, long CheckedAt, long Version);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Null when there is no such event; Release null when it has not released a schedule yet.</summary>
    public async Task<(long EventId, bool IsPublic, CurrentRelease? Release)?> GetAsync(string slug, CancellationToken ct = default)
    {
        var now = Environment.TickCount64;
        // Read before the data: a write landing in between makes the entry look older than it is, never newer.
        var version = versions.Current();
        if (_entries.TryGetValue(slug, out var entry) && now - entry.CheckedAt < Freshness.TotalMilliseconds && entry.Version == version)
            return (entry.EventId, entry.IsPublic, entry.Release);

        await using var c = await db.OpenAsync(ct);
        // The json export's ETag as well as the number: a release is rewritten in place only when a speaker's account is
        // erased (SchedulePersonalData), which gives its files new ETags.
        var head = await c.QuerySingleOrDefaultAsync<(long Id, bool IsPublic, int? Number, string? JsonETag)?>("""
            SELECT e.id, e.is_public, x.number, (SELECT f.etag FROM schedule_release_files f WHERE f.release_id = x.id AND f.format = 'json')
            FROM events e LEFT JOIN schedule_releases x ON x.event_id = e.id AND x.number = (SELECT MAX(number) FROM schedule_releases r WHERE r.event_id = e.id)
            WHERE e.slug = @slug
            """, new { slug });
        if (head is not { } h)
        {
            _entries.TryRemove(slug, out _);
            return null;
        }
        CurrentRelease? release = null;
        // The same release as held (an erasure rewrites a release's stored exports in place: its ETag says so).
        var reused = entry is not null && entry.EventId == h.Id && entry.Number == h.Number && entry.JsonETag == h.JsonETag;
        if (reused) release = entry!.Release is null ? null : entry.Release with { IsPublic = h.IsPublic };
        else if (h.Number is { } number)
        {
            using var grid = await c.QueryMultipleAsync("""
                SELECT snapshot, released_at FROM schedule_releases WHERE event_id = @id AND number = @number;
                SELECT f.format, f.content_type, f.content, f.etag FROM schedule_release_files f
                JOIN schedule_releases r ON r.id = f.release_id WHERE r.event_id = @id AND r.number = @number;
                """, new { id = h.Id, number = number });
            var (json, releasedAt) = await grid.ReadSingleAsync<(string, string)>();
            var at = DateTimeOffset.Parse(releasedAt, System.Globalization.CultureInfo.InvariantCulture);
            var files = (await grid.ReadAsync<(string Format, string ContentType, byte[] Content, string ETag)>())
                .ToDictionary(f => f.Format, f => new ReleaseFile(f.ContentType, f.Content, f.ETag, at), StringComparer.Ordinal);
            release = new CurrentRelease(h.Id, h.IsPublic, ReleaseSnapshot.Parse(json), files);
        }
        // Only when something public may have changed: between changes, a freshness re-check costs no extra statement.
        if (release is not null && _linkSources.Length > 0 && !(reused && entry!.Version == version))
            release = WithLinks(release, await SessionLinkSet.ReadAsync(_linkSources, h.Id, ct));
        _entries[slug] = new Entry(h.Id, h.IsPublic, h.Number, h.JsonETag, release, now, version);
        return (h.Id, h.IsPublic, release);
    }

    private CurrentRelease WithLinks(CurrentRelease release, SessionLinkSet links)
    {
        if (links.Key == release.Links.Key) return release;
        if (links.IsEmpty) return release with { Files = release.Stored, Links = links };
        var r = release.Snapshot;
        var baseUrl = urls.Absolute("");
        var at = clock.GetUtcNow();
        at = new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var files = new Dictionary<string, ReleaseFile>(release.Stored, StringComparer.Ordinal);
        foreach (var (format, content) in new[] { ("json", ScheduleExports.Json(r, baseUrl, links)), ("xml", ScheduleExports.Xml(r, baseUrl, links)),
                     ("ics", ScheduleExports.Ics(r, baseUrl, links)) })
        {
            if (!release.Stored.TryGetValue(format, out var stored)) continue;
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content))[..16].ToLowerInvariant();
            files[format] = new ReleaseFile(stored.ContentType, content, $"\"{release.EventId}-{r.Number}-{format}-m{hash}\"", at > stored.LastModified ? at : stored.LastModified);
        }
        return release with { Files = files, Links = links };
    }

    /// <summary>
    /// Forgets the event's release; the next request reads the new one. (The release's own transaction already bumped
    /// the public data version, which both this cache and the public page cache follow; this only skips a look.)
    /// </summary>
    public Task InvalidateAsync(string slug, CancellationToken ct = default)
    {
        _entries.TryRemove(slug, out _);
        return Task.CompletedTask;
    }
}
