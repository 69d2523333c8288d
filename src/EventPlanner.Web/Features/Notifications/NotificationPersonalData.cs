using System.Data;
using Dapper;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// The mail log. Export: every message to the account or to its address (before it had an account, say). Erasure:
/// those messages go; mail to other people that names the person (an organiser told of a new proposal) stays, with
/// the name and address replaced. Retention: an expired event's mail log keeps its rows (counts, delivery state)
/// with recipient, wording and payload wiped.
/// </summary>
public sealed class NotificationPersonalData : IPersonalDataContributor, IEventRetentionContributor
{
    public const string FormerParticipant = "a former participant";

    public string Section => "notifications";

    public string Covers => "the mail log (recipients and wording)";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["messages"] = await RowsAsync(c, """
            SELECT n.kind, e.slug AS event, n.to_address, n.subject, n.body, n.state, n.created_at, n.sent_at, n.read_at
            FROM notifications n LEFT JOIN events e ON e.id = n.event_id
            WHERE n.user_id = @UserId OR lower(n.to_address) = lower(@Email) ORDER BY n.id
            """, who),
        ["unsubscribed"] = await RowsAsync(c, """
            SELECT u.kind, e.slug AS event, u.created_at FROM notification_unsubscribes u LEFT JOIN events e ON e.id = u.event_id
            WHERE u.user_id = @UserId
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        // Attachments go with their message (ON DELETE CASCADE).
        await c.ExecuteAsync("DELETE FROM notifications WHERE user_id = @UserId OR lower(to_address) = lower(@Email)", who, tx);
        await ScrubAsync(c, tx, "notifications", ["to_name", "payload", "subject", "body"], who, FormerParticipant);
    }

    public Task<int> AnonymiseEventAsync(IDbConnection c, IDbTransaction tx, long eventId, Func<Task<long>> placeholder) =>
        // Mail still unsent (or held) this long after the event will never be wanted: discarded, then anonymised with the rest. Only a
        // message being sent at this moment is left for the next day's run. The rows stay, so the counts do.
        c.ExecuteAsync("""
            UPDATE notifications SET state = 'discarded' WHERE event_id = @eventId AND state IN ('pending', 'held');
            DELETE FROM notification_attachments WHERE notification_id IN (SELECT id FROM notifications WHERE event_id = @eventId AND state <> 'sending');
            UPDATE notifications SET user_id = NULL, in_inbox = FALSE, unsubscribe_token = NULL, to_address = 'anonymised@eventplanner.invalid',
                                     to_name = '', payload = '{}', subject = '(anonymised)', body = '', last_error = NULL
            WHERE event_id = @eventId AND state <> 'sending' AND to_address <> 'anonymised@eventplanner.invalid'
            """, new { eventId }, tx);
}
