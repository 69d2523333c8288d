using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Features.Lightning.LightningSql;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// The MC's run sheet: starting a talk (its countdown), calling the next speaker, marking talks given or no-show, and the
/// line-up version the sheet polls. Each write touches one confirmed talk in an event-locked transaction.
/// </summary>
public sealed class LightningRunSheetStore(TimeProvider clock, Outbox outbox)
{
    public Task<WriteResult<long?>> SetOutcomeAsync(EventRow e, long sessionId, long talkId, string? outcome, Validator v, CancellationToken ct = default) =>
        WithConfirmedTalkAsync(e, sessionId, talkId, v, "outcome", "Only a confirmed talk can be given or missed.", async (c, tx, notices, lineup, talk, now) =>
        {
            if (now < lineup.Session.StartsAt) { v.Add("outcome", "Mark talks given or no-show once the session has started."); return LightningWrites.Conflict(v); }
            await c.ExecuteAsync("UPDATE lightning_talks SET outcome = @outcome, updated_at = @now WHERE id = @talkId", new { outcome, now, talkId }, tx);
            return null;
        }, ct);

    // ---- run sheet ----

    /// <summary>The MC starts a talk (its countdown runs from now); the talk that was on is marked given if nobody said otherwise.</summary>
    public Task<WriteResult<long?>> StartTalkAsync(EventRow e, long sessionId, long talkId, Validator v, CancellationToken ct = default) =>
        WithConfirmedTalkAsync(e, sessionId, talkId, v, "talkId", "Only a confirmed talk can start.", async (c, tx, notices, lineup, talk, now) =>
        {
            if (lineup.Session.CurrentTalkId is { } previous && previous != talkId && now >= lineup.Session.StartsAt)
            {
                await c.ExecuteAsync("UPDATE lightning_talks SET outcome = 'given', updated_at = @now WHERE id = @previous AND status = 'confirmed' AND outcome IS NULL",
                    new { previous, now }, tx);
            }
            await c.ExecuteAsync("UPDATE lightning_sessions SET current_talk_id = @talkId, current_started_at = @now WHERE session_id = @sessionId",
                new { talkId, now, sessionId }, tx);
            return null;
        }, ct);

    /// <summary>The MC calls a speaker to the stage: shown on the run sheet and sent to them (in-app and mail).</summary>
    public Task<WriteResult<long?>> CallAsync(EventRow e, long sessionId, long talkId, Validator v, CancellationToken ct = default) =>
        WithConfirmedTalkAsync(e, sessionId, talkId, v, "talkId", "Only a confirmed speaker can be called.", async (c, tx, notices, lineup, talk, now) =>
        {
            await c.ExecuteAsync("UPDATE lightning_sessions SET called_talk_id = @talkId, called_at = @now WHERE session_id = @sessionId",
                new { talkId, now, sessionId }, tx);
            await notices.AddAsync(c, tx, new NotificationRequest($"lightning-call:{talkId}:{now.ToUnixTimeMilliseconds()}",
                LightningNotificationKinds.NextUp.Name, talk.UserId, e.Id, new Dictionary<string, string>
                {
                    ["session_title"] = lineup.Session.Title, ["talk_title"] = talk.Title, ["room"] = lineup.Session.RoomName ?? "",
                }));
            return null;
        }, ct);

    /// <summary>
    /// One write on one confirmed talk of a session: the line-up refreshed (lapsed offers, filled slots) and the talk found
    /// and confirmed, then <paramref name="change"/> (null to go on, or a refusal), the session's version bumped, and the
    /// outbox kicked after commit (the refresh may have queued offers even when the change is refused, and they commit).
    /// </summary>
    private async Task<WriteResult<long?>> WithConfirmedTalkAsync(EventRow e, long sessionId, long talkId, Validator v, string field, string notConfirmed,
        Func<IDbConnection, IDbTransaction, OutboxBatch, Lineup, TalkRow, DateTimeOffset, Task<WriteResult<long?>?>> change, CancellationToken ct)
    {
        var result = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var now = clock.GetUtcNow();
            if (await RefreshInAsync(c, tx, notices, e, sessionId, now) is not { } lineup || lineup.Find(talkId) is not { } talk) return LightningWrites.NotFound;
            if (talk.Status != TalkStatuses.Confirmed) { v.Add(field, notConfirmed); return LightningWrites.Conflict(v); }
            if (await change(c, tx, notices, lineup, talk, now) is { } refused) return refused;
            await BumpAsync(c, tx, sessionId, now);
            return LightningWrites.Done(talkId);
        }, ct);
        return result;
    }
}
