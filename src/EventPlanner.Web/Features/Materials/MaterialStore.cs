using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// Session materials and gallery links (the only writer of session_materials and event_gallery_links). Every write is
/// one short transaction that also checks the per-session limit, so a refused request saves nothing; the triggers of
/// migration 0020 bump the public data version in it, which is how pages and exports show the change at once.
/// </summary>
public sealed class MaterialStore(Db db, TimeProvider clock)
{
    private const string Select = """
        SELECT id, event_id, session_id, kind, title, url, file_name, download_name, content_type, size_bytes, created_at FROM session_materials
        """;

    /// <summary>The session's id when it belongs to the event (a session id of another event is not found).</summary>
    public async Task<bool> SessionExistsAsync(long eventId, long sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT id FROM schedule_sessions WHERE id = @sessionId AND event_id = @eventId", new { eventId, sessionId }) is not null;
    }

    /// <summary>The session's title (of any state: materials may go up before a talk is released).</summary>
    public async Task<string?> SessionTitleAsync(long eventId, long sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>("SELECT title FROM schedule_sessions WHERE id = @sessionId AND event_id = @eventId", new { eventId, sessionId });
    }

    public async Task<bool> IsSpeakerAsync(long sessionId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT 1 FROM schedule_session_speakers WHERE session_id = @sessionId AND user_id = @userId",
            new { sessionId, userId }) is not null;
    }

    public async Task<IReadOnlyList<MaterialRow>> ListAsync(long eventId, long sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<MaterialRow>($"{Select} WHERE event_id = @eventId AND session_id = @sessionId ORDER BY id", new { eventId, sessionId })).AsList();
    }

    /// <summary>Every material of the event, one statement: the exports and public pages read this.</summary>
    public async Task<IReadOnlyList<MaterialRow>> ListForEventAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<MaterialRow>("""
            SELECT m.id, m.event_id, m.session_id, m.kind, m.title, m.url, m.file_name, m.download_name, m.content_type, m.size_bytes, m.created_at, e.slug
            FROM session_materials m JOIN events e ON e.id = m.event_id WHERE m.event_id = @eventId ORDER BY m.session_id, m.id
            """, new { eventId })).AsList();
    }

    /// <summary>The material whose file this is, only under its own event.</summary>
    public async Task<MaterialRow?> FindFileAsync(long eventId, string fileName, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<MaterialRow>($"{Select} WHERE event_id = @eventId AND file_name = @fileName", new { eventId, fileName });
    }

    public async Task<WriteResult<MaterialRow>> AddLinkAsync(long eventId, long sessionId, long userId, MaterialLinkValues link, Validator v,
        CancellationToken ct = default) =>
        await db.WriteAsync(async (c, tx) =>
        {
            if (!await OwnSessionAsync(c, tx, eventId, sessionId)) return WriteResult<MaterialRow>.NotFound;
            var existing = await CountAsync(c, tx, sessionId);
            if (await c.ExecuteScalarAsync<long?>("SELECT id FROM session_materials WHERE session_id = @sessionId AND kind = @Kind AND url = @Url",
                    new { sessionId, link.Kind, link.Url }, tx) is { } same)
                return WriteResult<MaterialRow>.Ok((await FindAsync(c, tx, same))!);
            if (existing + 1 > MaterialRules.MaxPerSession)
            {
                v.Add("url", $"A session holds at most {MaterialRules.MaxPerSession} materials; remove one first.");
                return WriteResult<MaterialRow>.Invalid(v);
            }
            var id = await InsertAsync(c, tx, eventId, sessionId, userId, link.Kind, link.Title, link.Url, null);
            return WriteResult<MaterialRow>.Ok((await FindAsync(c, tx, id))!);
        }, ct);

    /// <summary>
    /// Makes the session's links exactly these: a link already there (same kind and address) keeps its id (so the
    /// digest does not announce it again) and takes the new title; links not listed are removed; files stay.
    /// </summary>
    public async Task<WriteResult<int>> ReplaceLinksAsync(long eventId, long sessionId, long userId, IReadOnlyList<MaterialLinkValues> links, Validator v,
        CancellationToken ct = default) =>
        await db.WriteAsync(async (c, tx) =>
        {
            if (!await OwnSessionAsync(c, tx, eventId, sessionId)) return WriteResult<int>.NotFound;
            var files = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_materials WHERE session_id = @sessionId AND file_name IS NOT NULL",
                new { sessionId }, tx);
            if (files + links.Count > MaterialRules.MaxPerSession)
            {
                v.Add("links", $"A session holds at most {MaterialRules.MaxPerSession} materials, files included ({files} files here): give at most {MaterialRules.MaxPerSession - files} links.");
                return WriteResult<int>.Invalid(v);
            }
            var before = (await c.QueryAsync<MaterialRow>($"{Select} WHERE session_id = @sessionId AND url IS NOT NULL", new { sessionId }, tx)).AsList();
            foreach (var gone in before.Where(b => !links.Any(l => l.Kind == b.Kind && l.Url == b.Url)))
                await c.ExecuteAsync("DELETE FROM session_materials WHERE id = @Id", new { gone.Id }, tx);
            foreach (var link in links)
            {
                if (before.FirstOrDefault(b => b.Kind == link.Kind && b.Url == link.Url) is { } kept)
                {
                    if (kept.Title != link.Title) await c.ExecuteAsync("UPDATE session_materials SET title = @Title WHERE id = @Id", new { link.Title, kept.Id }, tx);
                }
                else await InsertAsync(c, tx, eventId, sessionId, userId, link.Kind, link.Title, link.Url, null);
            }
            return WriteResult<int>.Ok(links.Count);
        }, ct);

    public async Task<WriteResult<MaterialRow>> AddFileAsync(long eventId, long sessionId, long userId, string title, StoredUpload file,
        Validator v, CancellationToken ct = default) =>
        await db.WriteAsync(async (c, tx) =>
        {
            if (!await OwnSessionAsync(c, tx, eventId, sessionId)) return WriteResult<MaterialRow>.NotFound;
            if (await CountAsync(c, tx, sessionId) + 1 > MaterialRules.MaxPerSession)
            {
                v.Add("file", $"A session holds at most {MaterialRules.MaxPerSession} materials; remove one first.");
                return WriteResult<MaterialRow>.Invalid(v);
            }
            var id = await InsertAsync(c, tx, eventId, sessionId, userId, MaterialRules.Slides, title, null, file);
            return WriteResult<MaterialRow>.Ok((await FindAsync(c, tx, id))!);
        }, ct);

    /// <summary>
    /// Gives one material of the session a new title, checked as when it was added (an empty one is its kind's name, which
    /// is why the check needs the row). Invalid: the messages are in <paramref name="v"/> and nothing changed.
    /// </summary>
    public async Task<WriteResult<MaterialRow>> RenameAsync(long eventId, long sessionId, long materialId, string? title, Validator v,
        CancellationToken ct = default) =>
        await db.WriteAsync(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<MaterialRow>($"{Select} WHERE id = @materialId AND session_id = @sessionId AND event_id = @eventId",
                new { materialId, sessionId, eventId }, tx);
            if (row is null) return WriteResult<MaterialRow>.NotFound;
            if (MaterialRules.Title("title", title, row.Kind, v) is not { } checkedTitle) return WriteResult<MaterialRow>.Invalid(v);
            await c.ExecuteAsync("UPDATE session_materials SET title = @checkedTitle WHERE id = @materialId", new { checkedTitle, materialId }, tx);
            return WriteResult<MaterialRow>.Ok((await FindAsync(c, tx, materialId))!);
        }, ct);

    /// <summary>Removes one material of the session; returns its stored file name (to delete after the commit), if any.</summary>
    public async Task<(bool Removed, string? FileName)> DeleteAsync(long eventId, long sessionId, long materialId, CancellationToken ct = default) =>
        await db.WriteAsync(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<MaterialRow>($"{Select} WHERE id = @materialId AND session_id = @sessionId AND event_id = @eventId",
                new { materialId, sessionId, eventId }, tx);
            if (row is null) return (false, (string?)null);
            await c.ExecuteAsync("DELETE FROM session_materials WHERE id = @materialId", new { materialId }, tx);
            return (true, row.FileName);
        }, ct);

    public async Task<IReadOnlyList<GalleryLinkRow>> GalleryAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<GalleryLinkRow>("SELECT id, title, url FROM event_gallery_links WHERE event_id = @eventId ORDER BY sort_order, id",
            new { eventId })).AsList();
    }

    /// <summary>The event's gallery becomes exactly this list, in this order.</summary>
    public async Task ReplaceGalleryAsync(long eventId, IReadOnlyList<GalleryLinkValues> links, CancellationToken ct = default) =>
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM event_gallery_links WHERE event_id = @eventId", new { eventId }, tx);
            var now = clock.GetUtcNow();
            for (var i = 0; i < links.Count; i++)
            {
                await c.ExecuteAsync("""
                    INSERT INTO event_gallery_links (event_id, title, url, sort_order, created_at) VALUES (@eventId, @Title, @Url, @i, @now)
                    """, new { eventId, links[i].Title, links[i].Url, i, now }, tx);
            }
        }, ct);

    private static async Task<bool> OwnSessionAsync(IDbConnection c, IDbTransaction tx, long eventId, long sessionId) =>
        await c.ExecuteScalarAsync<long?>("SELECT id FROM schedule_sessions WHERE id = @sessionId AND event_id = @eventId", new { eventId, sessionId }, tx) is not null;

    private static Task<int> CountAsync(IDbConnection c, IDbTransaction tx, long sessionId) =>
        c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_materials WHERE session_id = @sessionId", new { sessionId }, tx);

    private static Task<MaterialRow> FindAsync(IDbConnection c, IDbTransaction tx, long id) =>
        c.QuerySingleAsync<MaterialRow>($"{Select} WHERE id = @id", new { id }, tx);

    private async Task<long> InsertAsync(IDbConnection c, IDbTransaction tx, long eventId, long sessionId, long userId, string kind, string title, string? url,
        StoredUpload? file) =>
        await c.ExecuteScalarAsync<long>("""
            INSERT INTO session_materials (event_id, session_id, kind, title, url, file_name, download_name, content_type, size_bytes, added_by, created_at)
            VALUES (@eventId, @sessionId, @kind, @title, @url, @FileName, @DownloadName, @ContentType, @SizeBytes, @userId, @now)
            RETURNING id
            """, new
        {
            eventId, sessionId, kind, title, url, file?.FileName, file?.DownloadName, file?.ContentType, SizeBytes = file?.SizeBytes, userId,
            now = clock.GetUtcNow(),
        }, tx);
}
