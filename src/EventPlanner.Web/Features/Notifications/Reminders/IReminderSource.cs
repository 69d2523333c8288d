using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications.Reminders;

/// <summary>
/// One kind of reminder. Given 'now' (from TimeProvider), a source answers which reminders are due:
/// each a <see cref="NotificationRequest"/> whose dedupe key names the subject and the recipient
/// (e.g. <c>cfp-closing:{eventId}:{userId}</c>, <c>talk-tomorrow:{sessionId}:{speakerId}</c>). The
/// recurring <see cref="ReminderJob"/> asks every source and writes what they return to the
/// outbox, where a key already written is skipped: so a source may return the same reminder on every
/// run for as long as it is due, and each recipient still gets it once, whatever the schedule,
/// restarts or clock changes. A source only reads; it never writes.
///
/// To add one (Submissions: call for papers closing in 3 days; speaker confirmation deadline;
/// Schedule: talk tomorrow; Tickets: transfer offer about to expire): add its kind to
/// NotificationKinds (Transactional = false, so it carries an unsubscribe), write the source, and
/// register it with <c>services.AddSingleton&lt;IReminderSource, MySource&gt;()</c> in the feature's
/// Add...() method. Return a window ("from 3 days before until the deadline"), not an instant: the
/// job runs every 15 minutes and may miss any given minute.
/// </summary>
public interface IReminderSource
{
    string Name { get; }

    Task<IReadOnlyList<NotificationRequest>> DueAsync(DateTimeOffset now, CancellationToken ct = default);
}
