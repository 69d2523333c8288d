using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// Invitations and RSVPs, found by account or by address (people are invited by address). Erasure and retention
/// keep the row, so the social event's head count and guests stay right, but wipe the address, name, needs and the
/// personal link (a new random token nobody holds).
/// </summary>
public sealed class SocialPersonalData : IPersonalDataContributor, IEventRetentionContributor
{
    public string Section => "social_events";

    public string Covers => "social event replies (names, addresses, dietary and accessibility needs)";

    private static string Anonymise(IDbConnection c) => """
        UPDATE social_invitations SET email = 'erased-' || id || '@eventplanner.invalid', normalized_email = upper('erased-' || id || '@eventplanner.invalid'),
                                      name = '', user_id = NULL, dietary = '', accessibility = '', token = {token}
        """.Replace("{token}", SqlDialect.Of(c).RandomHexToken, StringComparison.Ordinal);

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["rsvps"] = await RowsAsync(c, """
            SELECT e.slug AS event, s.title, s.starts_at, i.email, i.name, i.state, i.guests, i.dietary, i.accessibility, i.responded_at, i.created_at
            FROM social_invitations i JOIN social_events s ON s.id = i.social_event_id JOIN events e ON e.id = i.event_id
            WHERE i.user_id = @UserId OR i.normalized_email = @NormalizedEmail ORDER BY s.starts_at
            """, who),
    };

    public Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who) =>
        c.ExecuteAsync($"{Anonymise(c)} WHERE user_id = @UserId OR normalized_email = @NormalizedEmail", who, tx);

    public Task<int> AnonymiseEventAsync(IDbConnection c, IDbTransaction tx, long eventId, Func<Task<long>> placeholder) =>
        c.ExecuteAsync($"{Anonymise(c)} WHERE event_id = @eventId AND email NOT LIKE 'erased-%@eventplanner.invalid'", new { eventId }, tx);
}
