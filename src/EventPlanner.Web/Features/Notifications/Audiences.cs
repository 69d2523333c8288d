using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>A group an organiser can write to, e.g. "team:reviewer" or, later, "speakers:accepted".</summary>
public sealed record AudienceOption(string Key, string Label);

/// <summary>
/// Where bulk mail finds its recipients. Each feature that owns people registers a source for its
/// groups (Submissions: all speakers, accepted speakers; Tickets: holders of each ticket type, one
/// option per type), as <c>services.AddSingleton&lt;IAudienceSource, MyAudienceSource&gt;()</c>.
/// Keys are the source's own, prefixed with its name so sources never clash.
/// </summary>
public interface IAudienceSource
{
    Task<IReadOnlyList<AudienceOption>> OptionsAsync(long eventId, CancellationToken ct = default);

    /// <summary>The user ids in the group, or null when <paramref name="key"/> is not one of this source's.</summary>
    Task<IReadOnlyList<long>?> MembersAsync(long eventId, string key, CancellationToken ct = default);
}

/// <summary>The event team: today the only people an event has.</summary>
public sealed class TeamAudienceSource(Db db) : IAudienceSource
{
    public Task<IReadOnlyList<AudienceOption>> OptionsAsync(long eventId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<AudienceOption>>(
        [
            new("team", "The whole team (organisers and reviewers)"),
            new("team:organiser", "Organisers"),
            new("team:reviewer", "Reviewers"),
        ]);

    public async Task<IReadOnlyList<long>?> MembersAsync(long eventId, string key, CancellationToken ct = default)
    {
        string? role = key switch { "team" => null, "team:organiser" => "organiser", "team:reviewer" => "reviewer", _ => "?" };
        if (role == "?") return null;
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(
            "SELECT DISTINCT user_id FROM event_roles WHERE event_id = @eventId AND (@role IS NULL OR role = @role) ORDER BY user_id",
            new { eventId, role })).AsList();
    }
}
