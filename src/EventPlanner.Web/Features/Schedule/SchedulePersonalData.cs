using System.Data;
using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// Agenda stars, the private agenda feed, and the sessions a person speaks in. Erasure: stars, feed and speaker
/// rows go by ON DELETE CASCADE and the session stays; released schedules (frozen JSON and their stored exports)
/// are rewritten with the person shown as <see cref="FormerSpeaker"/> and without their bio, because the public
/// pages and exports serve those releases as they are. Retention: an expired event's stars become a count per
/// session (schedule_star_tallies), so the board shows the same numbers without knowing who starred what.
/// </summary>
public sealed class SchedulePersonalData(AppUrls urls) : IPersonalDataContributor, IEventRetentionContributor
{
    public const string FormerSpeaker = "Former speaker";

    public string Section => "agenda";

    public string Covers => "agenda stars (kept as a count per session)";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["starred_sessions"] = await RowsAsync(c, """
            SELECT e.slug AS event, s.title, st.created_at FROM schedule_stars st JOIN schedule_sessions s ON s.id = st.session_id
            JOIN events e ON e.id = st.event_id WHERE st.user_id = @UserId ORDER BY st.created_at
            """, who),
        ["agenda_feed"] = await RowsAsync(c, "SELECT created_at FROM schedule_agenda_feeds WHERE user_id = @UserId", who),
        ["speaking_in"] = await RowsAsync(c, """
            SELECT e.slug AS event, s.title, s.starts_at, s.is_cancelled FROM schedule_session_speakers ss JOIN schedule_sessions s ON s.id = ss.session_id
            JOIN events e ON e.id = s.event_id WHERE ss.user_id = @UserId ORDER BY s.starts_at
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        var releases = (await c.QueryAsync<(long Id, string Snapshot)>("SELECT id, snapshot FROM schedule_releases ORDER BY id", transaction: tx)).AsList();
        var baseUrl = urls.Absolute("");
        foreach (var (id, json) in releases)
        {
            if (!Mentions(json, who)) continue;
            var snapshot = Forget(ReleaseSnapshot.Parse(json), who);
            await c.ExecuteAsync("UPDATE schedule_releases SET snapshot = @json WHERE id = @id", new { id, json = snapshot.Json() }, tx);
            foreach (var (format, _) in ReleaseStore.Files)
            {
                var content = format switch
                {
                    "json" => ScheduleExports.Json(snapshot, baseUrl),
                    "xml" => ScheduleExports.Xml(snapshot, baseUrl),
                    "ics" => ScheduleExports.Ics(snapshot, baseUrl),
                    _ => ScheduleExports.Csv(snapshot),
                };
                var etag = $"\"{id}-{snapshot.Number}-{format}-{Convert.ToHexString(SHA256.HashData(content))[..16].ToLowerInvariant()}-e\"";
                await c.ExecuteAsync("UPDATE schedule_release_files SET content = @content, etag = @etag WHERE release_id = @id AND format = @format",
                    new { id, format, content, etag }, tx);
            }
        }
        // A changelog line names sessions, not people; scrubbed all the same in case a title carries a name.
        await ScrubAsync(c, tx, "schedule_releases", ["changelog"], who, FormerSpeaker);
        await ScrubAsync(c, tx, "schedule_suggestions", ["result"], who, FormerSpeaker);
    }

    private static bool Mentions(string json, PersonalDataSubject who) =>
        json.Contains($"\"id\":{who.UserId},", StringComparison.Ordinal) || who.Names.Any(n => json.Contains(n, StringComparison.OrdinalIgnoreCase));

    /// <summary>The release with the person's speaker entries, lightning parts and guest mentions anonymised.</summary>
    public static ReleaseSnapshot Forget(ReleaseSnapshot r, PersonalDataSubject who)
    {
        bool IsThem(string name) => who.Names.Any(n => string.Equals(n.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        return r with
        {
            Sessions = r.Sessions.Select(s => s with
            {
                Speakers = s.Speakers.Select(p => p.Id == who.UserId || IsThem(p.Name) ? new SnapSpeaker(0, FormerSpeaker, "") : p).ToList(),
                Parts = s.Parts?.Select(p => IsThem(p.Speaker) ? p with { Speaker = FormerSpeaker } : p).ToList(),
                Guests = s.Guests?.Select(g => IsThem(g) ? FormerSpeaker : g).ToList(),
            }).ToList(),
        };
    }

    public async Task<int> AnonymiseEventAsync(IDbConnection c, IDbTransaction tx, long eventId, Func<Task<long>> placeholder)
    {
        await c.ExecuteAsync("""
            INSERT INTO schedule_star_tallies (session_id, event_id, stars)
            SELECT session_id, event_id, COUNT(*) FROM schedule_stars WHERE event_id = @eventId GROUP BY session_id, event_id
            ON CONFLICT (session_id) DO UPDATE SET stars = schedule_star_tallies.stars + excluded.stars
            """, new { eventId }, tx);
        return await c.ExecuteAsync("DELETE FROM schedule_stars WHERE event_id = @eventId", new { eventId }, tx);
    }
}
