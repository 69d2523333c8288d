using System.Data;
using Dapper;
using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>A deleted speaker's photo leaves the disk too (the profile row goes by cascade), once the deletion has committed.</summary>
public sealed class SpeakerPhotoRemovalStep(SpeakerPhotos photos) : IAccountRemovalStep
{
    public Task<string?> RefuseAsync(IDbConnection c, IDbTransaction tx, long userId, DateTimeOffset now) => Task.FromResult<string?>(null);

    public async Task<Action?> DetachAsync(IDbConnection c, IDbTransaction tx, long userId, Func<Task<long>> placeholder)
    {
        var file = await c.ExecuteScalarAsync<string?>("SELECT photo_file FROM speaker_profiles WHERE user_id = @userId", new { userId }, tx);
        return file is null ? null : () => photos.Delete(file);
    }
}
