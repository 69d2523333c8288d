using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// cfp.opened and cfp.closed. A call opens and closes by its configured times, so nothing happens at that moment to
/// publish from: <see cref="CfpWebhookSweep"/> looks every minute, and saving the settings looks at once (an organiser
/// who sets the opening to now, or closes the call early, is announced in the save's own transaction).
/// <c>cfp_webhook_states</c> remembers the state last announced and changes only by a guarded write in the
/// transaction that publishes, so a second sweep, a restart or two sweeps at once publish nothing more.
/// </summary>
public sealed class CfpWebhooks(WebhookOutbox webhooks, AppUrls urls, TimeProvider clock)
{
    /// <summary>Announces the call's current state if it is not the one last announced; true when something was published.</summary>
    public async Task<bool> AnnounceInAsync(IDbConnection c, IDbTransaction tx, long eventId)
    {
        var call = await c.QuerySingleOrDefaultAsync<CallRow>("""
            SELECT e.slug, f.opens_at, f.closes_at, s.state AS announced
            FROM cfp_settings f JOIN events e ON e.id = f.event_id LEFT JOIN cfp_webhook_states s ON s.event_id = f.event_id
            WHERE f.event_id = @eventId
            """, new { eventId }, tx);
        // The clock is read after the state: a run that looked earlier (a sweep that found this call due a moment ago)
        // must not judge by an older time than the announcement it now reads, or it would announce a state gone by.
        var now = clock.GetUtcNow();
        if (call is null || CfpWebhookRules.StateAt(call.OpensAt, call.ClosesAt, now) is not { } current || current == call.Announced) return false;

        var claimed = call.Announced is null
            ? await c.ExecuteAsync("""
                INSERT INTO cfp_webhook_states (event_id, state, changed_at) VALUES (@eventId, @current, @now) ON CONFLICT (event_id) DO NOTHING
                """, new { eventId, current, now }, tx)
            : await c.ExecuteAsync("""
                UPDATE cfp_webhook_states SET state = @current, changed_at = @now WHERE event_id = @eventId AND state = @Announced
                """, new { eventId, current, now, call.Announced }, tx);
        if (claimed == 0) return false; // another run announced it first
        if (CfpWebhookRules.TypeFor(call.Announced, current) is not { } type) return false;

        await webhooks.PublishAsync(c, tx, eventId, type, new
        {
            cfp = new { state = current, opensAt = call.OpensAt, closesAt = call.ClosesAt },
            previousState = call.Announced,
            reopened = type == WebhookEventTypes.CfpOpened && call.Announced == CfpWebhookRules.Closed,
            link = urls.Absolute($"/events/{call.Slug}/cfp"),
        });
        return true;
    }

    /// <summary>After the transaction that published commits.</summary>
    public void Kick() => webhooks.Kick();

    private sealed record CallRow
    {
        public string Slug { get; init; } = "";
        public DateTimeOffset? OpensAt { get; init; }
        public DateTimeOffset? ClosesAt { get; init; }
        public string? Announced { get; init; }
    }
}
