using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>The call for papers at a glance, for the organisers' dashboard: proposals per state and the CfP window.</summary>
public sealed record SubmissionCounts(IReadOnlyDictionary<string, int> ByState, CfpSettingsRow? Cfp)
{
    public int this[string state] => ByState.TryGetValue(state, out var n) ? n : 0;

    public static async Task<SubmissionCounts> ReadAsync(IDbConnection c, long eventId)
    {
        var rows = (await c.QueryAsync<(string State, long Count)>(
            "SELECT state, COUNT(*) FROM proposals WHERE event_id = @eventId GROUP BY state", new { eventId })).ToDictionary(r => r.State, r => (int)r.Count);
        var cfp = await c.QuerySingleOrDefaultAsync<CfpSettingsRow>(
            "SELECT event_id, opens_at, closes_at, intro, updated_at FROM cfp_settings WHERE event_id = @eventId", new { eventId });
        return new SubmissionCounts(ProposalStates.All.ToDictionary(s => s, s => rows.GetValueOrDefault(s)), cfp);
    }
}

/// <summary>"N days left" as people at the event count them: calendar days in the event's zone, the closing day being 0.</summary>
public static class CfpCountdown
{
    public static int DaysLeft(DateTimeOffset now, DateTimeOffset closes, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(closes, zone).DateTime).DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).DayNumber;

    public static string Words(int days) => days switch
    {
        <= 0 => "closes today",
        1 => "1 day left",
        _ => $"{days} days left",
    };
}
