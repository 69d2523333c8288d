using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>
/// The daily job that keeps attendee data no longer than each event's organisers chose: a week ahead it warns the
/// organisers, then it has every <see cref="IEventRetentionContributor"/> anonymise the event in one transaction.
/// Idempotent: warned_at and anonymised_at record what was done, and each contributor anonymises in place.
/// </summary>
public sealed class RetentionJob(Db db, TimeProvider clock, Outbox outbox, IEnumerable<IEventRetentionContributor> contributors)
{
    public const string JobId = "privacy-retention";

    /// <summary>Daily, at a quiet hour (UTC).</summary>
    public const string Schedule = "40 3 * * *";

    private sealed record Candidate
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public DateOnly EndsOn { get; init; }
    }

    [AutomaticRetry(Attempts = 0)] // tomorrow's run is the retry
    public async Task<RetentionRun> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        List<Candidate> events;
        await using (var c = await db.OpenAsync(ct))
        {
            // Only events that could be within a week of expiry; the rest wait for a later day.
            events = (await c.QueryAsync<Candidate>("""
                SELECT e.id, e.slug, e.ends_on FROM events e LEFT JOIN privacy_retention r ON r.event_id = e.id
                WHERE r.anonymised_at IS NULL AND e.ends_on < @latest ORDER BY e.id
                """, new { latest = today.AddDays(RetentionRules.WarningDays).ToString("yyyy-MM-dd") })).AsList();
        }
        int warned = 0, anonymised = 0;
        foreach (var e in events)
        {
            var step = await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
            {
                var setting = await RetentionStore.GetAsync(c, tx, e.Id);
                var step = RetentionRules.Step(today, e.EndsOn, setting);
                if (step == RetentionStep.Warn)
                {
                    var on = RetentionRules.AnonymiseOn(e.EndsOn, setting with { WarnedOn = today });
                    var organisers = await c.QueryAsync<long>("SELECT user_id FROM event_roles WHERE event_id = @Id AND role = @role",
                        new { e.Id, role = EventRoles.Organiser }, tx);
                    foreach (var userId in organisers)
                    {
                        await batch.AddAsync(c, tx, new NotificationRequest($"privacy-retention-warning:{e.Id}:{on:yyyy-MM-dd}:{userId}",
                            PrivacyNotificationKinds.RetentionWarning.Name, userId, e.Id, new Dictionary<string, string>
                            {
                                ["anonymise_on"] = on.ToString("yyyy-MM-dd"),
                                ["settings_link"] = $"/events/{e.Slug}/privacy/manage",
                            }));
                    }
                    await RetentionStore.MarkWarnedAsync(c, tx, e.Id, setting.Days, now);
                }
                else if (step == RetentionStep.Anonymise)
                {
                    long? placeholder = null;
                    foreach (var contributor in contributors)
                        await contributor.AnonymiseEventAsync(c, tx, e.Id, async () => placeholder ??= await DeletedAccount.IdAsync(c, tx, now));
                    await RetentionStore.MarkAnonymisedAsync(c, tx, e.Id, setting.Days, now);
                }
                return step;
            }, ct);
            if (step == RetentionStep.Warn) warned++;
            if (step == RetentionStep.Anonymise) anonymised++;
        }
        return new RetentionRun(warned, anonymised);
    }
}

public sealed record RetentionRun(int Warned, int Anonymised);
