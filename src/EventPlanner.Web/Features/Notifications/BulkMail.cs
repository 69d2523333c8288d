using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// An organiser's message to a group: one held notification per recipient, written together with
/// the message in one transaction, for the organiser to review and release from the held-mail page.
/// </summary>
public sealed class BulkMail(TimeProvider clock, Outbox outbox, IEnumerable<IAudienceSource> sources)
{
    public async Task<IReadOnlyList<AudienceOption>> OptionsAsync(long eventId, CancellationToken ct = default)
    {
        var all = new List<AudienceOption>();
        foreach (var source in sources) all.AddRange(await source.OptionsAsync(eventId, ct));
        return all;
    }

    public static Wording? Validate(string? subject, string? body, Validator v) =>
        TemplateStore.Validate(NotificationKinds.Bulk, subject, body, v);

    /// <summary>Queues the message as held mail. Returns how many recipients it has, or null with field messages.</summary>
    public async Task<int?> QueueAsync(long eventId, string? audience, string? subject, string? body, long authorId, Validator v, CancellationToken ct = default)
    {
        var wording = Validate(subject, body, v);
        IReadOnlyList<long>? members = null;
        if (string.IsNullOrWhiteSpace(audience)) v.Add("audience", "Choose who gets the message.");
        else
        {
            foreach (var source in sources)
            {
                if ((members = await source.MembersAsync(eventId, audience, ct)) is not null) break;
            }
            if (members is null) v.Add("audience", "That group does not exist for this event.");
            else if (members.Count == 0) v.Add("audience", "Nobody is in that group yet.");
        }
        if (v.HasErrors || wording is null || members is null) return null;

        return await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            var bulkId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO bulk_messages (event_id, audience, subject, body, created_by, created_at)
                VALUES (@eventId, @audience, @Subject, @Body, @authorId, @now) RETURNING id
                """, new { eventId, audience, wording.Subject, wording.Body, authorId, now = clock.GetUtcNow() }, tx);
            foreach (var userId in members)
            {
                await notices.AddAsync(c, tx, new NotificationRequest($"bulk:{bulkId}:{userId}", NotificationKinds.Bulk.Name, userId, eventId,
                    new Dictionary<string, string>(), wording));
            }
            return members.Count;
        }, ct);
    }
}
