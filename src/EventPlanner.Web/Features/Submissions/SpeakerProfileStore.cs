using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>One speaker profile per user, reused in every event.</summary>
public sealed class SpeakerProfileStore(Db db, TimeProvider clock)
{
    private const string Columns = "user_id, full_name, bio, affiliation, links, photo_file, photo_content_type, updated_at";

    public async Task<SpeakerProfileRow?> FindAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SpeakerProfileRow>($"SELECT {Columns} FROM speaker_profiles WHERE user_id = @userId", new { userId });
    }

    public Task<SpeakerProfileRow> SaveAsync(long userId, SpeakerProfileValues values, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.QuerySingleAsync<SpeakerProfileRow>($"""
            INSERT INTO speaker_profiles (user_id, full_name, bio, affiliation, links, updated_at)
            VALUES (@userId, @FullName, @Bio, @Affiliation, @links, @now)
            ON CONFLICT (user_id) DO UPDATE SET full_name = excluded.full_name, bio = excluded.bio, affiliation = excluded.affiliation,
                links = excluded.links, updated_at = excluded.updated_at
            RETURNING {Columns}
            """, new { userId, values.FullName, values.Bio, values.Affiliation, links = Json.Of(values.Links), now = clock.GetUtcNow() }, tx), ct);

    /// <summary>Sets the photo (a profile must exist) and returns the file it replaced, for the caller to delete after the commit.</summary>
    public Task<(bool Saved, string? Previous)> SetPhotoAsync(long userId, string? file, string? contentType, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var previous = await c.QuerySingleOrDefaultAsync<string?>("SELECT photo_file FROM speaker_profiles WHERE user_id = @userId", new { userId }, tx);
            var saved = await c.ExecuteAsync("""
                UPDATE speaker_profiles SET photo_file = @file, photo_content_type = @contentType, updated_at = @now WHERE user_id = @userId
                """, new { userId, file, contentType, now = clock.GetUtcNow() }, tx) == 1;
            return (saved, previous);
        }, ct);
}
