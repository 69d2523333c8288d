using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Speakers as bulk-mail groups: everyone with a submitted proposal, and the speakers of accepted
/// talks. "Accepted" follows the released state, the decision speakers have been told, so a bulk
/// mail cannot give away a decision before the organisers announce it.
/// </summary>
public sealed class SpeakerAudienceSource(Db db) : IAudienceSource
{
    public const string All = "speakers";
    public const string Accepted = "speakers:accepted";

    public Task<IReadOnlyList<AudienceOption>> OptionsAsync(long eventId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<AudienceOption>>(
        [
            new(All, "Speakers: everyone with a submitted proposal"),
            new(Accepted, "Speakers of accepted talks (as announced to them)"),
        ]);

    public async Task<IReadOnlyList<long>?> MembersAsync(long eventId, string key, CancellationToken ct = default)
    {
        var filter = key switch
        {
            All => "p.state NOT IN ('draft', 'withdrawn')",
            Accepted => "p.released_state IN ('accepted', 'confirmed')",
            _ => null,
        };
        if (filter is null) return null;
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>($"""
            SELECT DISTINCT s.user_id FROM proposal_speakers s JOIN proposals p ON p.id = s.proposal_id
            WHERE p.event_id = @eventId AND {filter}
            ORDER BY s.user_id
            """, new { eventId })).AsList();
    }
}
