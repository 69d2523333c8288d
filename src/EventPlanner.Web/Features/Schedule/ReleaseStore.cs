using System.Data;
using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// Releases: in one BEGIN IMMEDIATE transaction, the working schedule is checked, frozen as the next numbered
/// snapshot with its changelog against the release before, its exports are built and stored, and the affected
/// speakers and agenda holders are written to the outbox. What the public sees changes only here.
/// </summary>
public sealed class ReleaseStore(Db db, TimeProvider clock, AppUrls urls, Outbox outbox, TemplateStore templates, ReleaseCache cache,
    IEnumerable<ISnapshotContributor> contributors, ReleaseWebhooks webhooks)
{
    public static readonly (string Format, string ContentType)[] Files =
    [
        ("json", "application/json; charset=utf-8"),
        ("xml", "application/xml; charset=utf-8"),
        ("ics", "text/calendar; charset=utf-8"),
        ("csv", "text/csv; charset=utf-8"),
    ];

    /// <summary>What releasing now would change, without releasing.</summary>
    public async Task<IReadOnlyList<ScheduleChange>> PreviewAsync(EventRow e, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var board = await ScheduleQueries.LoadAsync(c, null, e);
        var previous = await LatestSnapshotAsync(c, null, e.Id);
        var next = await SnapshotAsync(c, null, board, (previous?.Number ?? 0) + 1, clock.GetUtcNow());
        return ChangelogRules.Diff(previous, next);
    }

    public async Task<ReleaseRow?> ReleaseAsync(EventRow e, long userId, ReleaseInput input, Validator v, CancellationToken ct = default)
    {
        var notify = input.Notify?.Trim().ToLowerInvariant() ?? NotifyModes.Immediate;
        if (!NotifyModes.All.Contains(notify)) v.Add("notify", "Choose how people are told: immediate, held or none.");
        var reason = v.Optional("reason", input.Reason, 1000, "Reason");
        if (input.Override == true && reason.Length == 0 && !v.Errors.ContainsKey("reason")) v.Add("reason", "Say why the schedule is published despite its errors.");
        if (v.HasErrors) return null;

        // Read before the transaction: an organiser's wording for the immediate kind is used for its held twin too.
        var speakerWording = await templates.FindAsync(e.Id, ScheduleNotificationKinds.SpeakerChanged.Name, ct);
        var attendeeWording = await templates.FindAsync(e.Id, ScheduleNotificationKinds.AttendeeChanged.Name, ct);
        var baseUrl = urls.Absolute("");

        var release = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, notices) =>
        {
            var board = await ScheduleQueries.LoadAsync(c, tx, e);
            var errors = board.ErrorCount;
            if (errors > 0 && input.Override != true)
            {
                v.Add("override", $"The schedule has {errors} error{(errors == 1 ? "" : "s")}. Fix {(errors == 1 ? "it" : "them")}, or publish anyway and say why.");
                return null;
            }
            var now = clock.GetUtcNow();
            var previous = await LatestSnapshotAsync(c, tx, e.Id);
            var number = (previous?.Number ?? 0) + 1;
            var snapshot = await SnapshotAsync(c, tx, board, number, now);
            var changes = ChangelogRules.Diff(previous, snapshot);
            await InsertAsync(c, tx, e, snapshot, changes, errors, board.WarningCount, errors > 0 ? reason : null, notify, userId, null, baseUrl);
            await webhooks.PublishInAsync(c, tx, e, snapshot, changes, null);
            if (notify != NotifyModes.None)
            {
                await NotifyAsync(c, tx, notices, e, previous, snapshot, changes, notify == NotifyModes.Held, speakerWording, attendeeWording, baseUrl);
            }
            return await FindAsync(c, tx, e.Id, number);
        }, ct);
        if (release is not null)
        {
            webhooks.Kick();
            await cache.InvalidateAsync(e.Slug, ct);
        }
        return release;
    }

    /// <summary>
    /// An automatic release inside the caller's write transaction: the latest release's programme as it was,
    /// with every self-service session (community, BoF, lightning: see <see cref="SessionSources"/>) as it is now,
    /// and contributors' parts refreshed. Null when nothing was released yet (the first organiser release will carry
    /// them) or nothing visible changed. The caller calls <see cref="ReleaseCache.InvalidateAsync"/> after commit.
    /// </summary>
    internal async Task<int?> PublishLiveAsync(IDbConnection c, IDbTransaction tx, EventRow e, string reason)
    {
        // The next release number is read then written; callers hold the event's lock already, and taking it again is free.
        await SqlDialect.Of(c).LockEventAsync(c, tx, e.Id);
        var previous = await LatestSnapshotAsync(c, tx, e.Id);
        if (previous is null) return null;
        var board = await ScheduleQueries.LoadAsync(c, tx, e);
        var now = clock.GetUtcNow();
        var fresh = await SnapshotAsync(c, tx, board, previous.Number + 1, now, contribute: false);
        var live = fresh.Sessions.Where(s => s.Source != SessionSources.Programme).ToList();
        var sessions = previous.Sessions.Where(s => s.Source == SessionSources.Programme)
            .Concat(live)
            .OrderBy(s => s.StartsAt).ThenBy(s => board.RoomOrder(s.RoomId)).ToList();
        // Rooms and tracks the programme already showed stay; ones only a live session uses (a group's own track) join.
        var rooms = previous.Rooms.Concat(fresh.Rooms.Where(r => previous.Rooms.All(p => p.Id != r.Id) && live.Any(s => s.RoomId == r.Id))).ToList();
        var tracks = previous.Tracks.Concat(fresh.Tracks.Where(t => previous.Tracks.All(p => p.Id != t.Id) && live.Any(s => s.TrackId == t.Id))).ToList();
        var next = await ContributeAsync(c, tx, board,
            previous with { Number = previous.Number + 1, ReleasedAt = now, Rooms = rooms, Tracks = tracks, Sessions = sessions });
        if (System.Text.Json.JsonSerializer.Serialize(previous.Sessions, ScheduleJson.Options) == System.Text.Json.JsonSerializer.Serialize(next.Sessions, ScheduleJson.Options)
            && previous.Rooms.Count == rooms.Count && previous.Tracks.Count == tracks.Count) return null;
        var changes = ChangelogRules.Diff(previous, next);
        await InsertAsync(c, tx, e, next, changes, 0, 0, null, NotifyModes.None, null, reason, urls.Absolute(""));
        // Not kicked here: the caller commits later, then kicks through LiveSchedule.AfterCommitAsync.
        await webhooks.PublishInAsync(c, tx, e, next, changes, reason);
        return next.Number;
    }

    private static async Task InsertAsync(IDbConnection c, IDbTransaction tx, EventRow e, ReleaseSnapshot snapshot, IReadOnlyList<ScheduleChange> changes,
        int errors, int warnings, string? reason, string notify, long? userId, string? automaticReason, string baseUrl)
    {
        var number = snapshot.Number;
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO schedule_releases (event_id, number, snapshot, changelog, error_count, warning_count, override_reason, notify, released_by, released_at, automatic_reason)
            VALUES (@eventId, @number, @snapshot, @changelog, @errors, @warnings, @reason, @notify, @userId, @now, @automaticReason)
            RETURNING id
            """, new
        {
            eventId = e.Id, number, snapshot = snapshot.Json(), changelog = System.Text.Json.JsonSerializer.Serialize(changes, ScheduleJson.Options),
            errors, warnings, reason, notify, userId, now = snapshot.ReleasedAt, automaticReason,
        }, tx);
        foreach (var (format, contentType) in Files)
        {
            var content = format switch
            {
                "json" => ScheduleExports.Json(snapshot, baseUrl),
                "xml" => ScheduleExports.Xml(snapshot, baseUrl),
                "ics" => ScheduleExports.Ics(snapshot, baseUrl),
                _ => ScheduleExports.Csv(snapshot),
            };
            await c.ExecuteAsync("""
                INSERT INTO schedule_release_files (release_id, format, content_type, content, etag) VALUES (@id, @format, @contentType, @content, @etag)
                """, new { id, format, contentType, content, etag = $"\"{e.Id}-{number}-{format}-{Convert.ToHexString(SHA256.HashData(content))[..16].ToLowerInvariant()}\"" }, tx);
        }
    }

    public async Task<IReadOnlyList<ReleaseRow>> ListAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ReleaseRow>($"{ReleaseSelect} WHERE r.event_id = @eventId ORDER BY r.number DESC", new { eventId })).AsList();
    }

    public async Task<ReleaseRow?> FindAsync(long eventId, int number, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, null, eventId, number);
    }

    private const string ReleaseSelect = """
        SELECT r.id, r.event_id, r.number, r.changelog, r.error_count, r.warning_count, r.override_reason, r.notify,
               u.display_name AS released_by_name, r.released_at, r.automatic_reason
        FROM schedule_releases r LEFT JOIN users u ON u.id = r.released_by
        """;

    private static Task<ReleaseRow?> FindAsync(IDbConnection c, IDbTransaction? tx, long eventId, int number) =>
        c.QuerySingleOrDefaultAsync<ReleaseRow?>($"{ReleaseSelect} WHERE r.event_id = @eventId AND r.number = @number", new { eventId, number }, tx);

    private static async Task<ReleaseSnapshot?> LatestSnapshotAsync(IDbConnection c, IDbTransaction? tx, long eventId) =>
        await c.ExecuteScalarAsync<string?>("SELECT snapshot FROM schedule_releases WHERE event_id = @eventId ORDER BY number DESC LIMIT 1", new { eventId }, tx)
            is { } json ? ReleaseSnapshot.Parse(json) : null;

    private async Task<ReleaseSnapshot> SnapshotAsync(IDbConnection c, IDbTransaction? tx, ScheduleBoard board, int number, DateTimeOffset now, bool contribute = true)
    {
        var bios = (await c.QueryAsync<(long UserId, string Bio)>("""
            SELECT sp.user_id, sp.bio FROM speaker_profiles sp
            WHERE sp.user_id IN (SELECT ss.user_id FROM schedule_session_speakers ss JOIN schedule_sessions s ON s.id = ss.session_id WHERE s.event_id = @eventId)
            """, new { eventId = board.Event.Id }, tx)).ToDictionary(b => b.UserId, b => b.Bio);
        var e = board.Event;
        var sessions = board.Sessions.Where(s => s.IsPlaced && !s.IsCancelled)
            .OrderBy(s => s.StartsAt).ThenBy(s => board.RoomOrder(s.RoomId))
            .Select(s => new SnapSession(s.Id, s.Guid, s.Kind, s.Title, s.Abstract, s.Description, s.Language, s.TrackId, s.TrackName, s.TrackColour,
                s.RoomId!.Value, board.RoomName(s.RoomId), s.StartsAt!.Value, s.DurationMinutes,
                s.Speakers.Select(p => new SnapSpeaker(p.Id, p.Name, bios.GetValueOrDefault(p.Id, ""))).ToList(), s.Source))
            .ToList();
        var snapshot = new ReleaseSnapshot(number, now, e.Name, e.Slug, e.TimeZone, e.StartsOn, e.EndsOn, e.Venue,
            board.Days.Select(d => new SnapDay(d.Date, d.OpensAt, d.ClosesAt)).ToList(),
            board.Rooms.Select(r => new SnapRoom(r.Id, r.Name, r.Capacity)).ToList(),
            board.Tracks.Select(t => new SnapTrack(t.Id, t.Name, t.Colour)).ToList(),
            sessions);
        return contribute ? await ContributeAsync(c, tx, board, snapshot) : snapshot;
    }

    private async Task<ReleaseSnapshot> ContributeAsync(IDbConnection c, IDbTransaction? tx, ScheduleBoard board, ReleaseSnapshot snapshot)
    {
        foreach (var contributor in contributors) snapshot = await contributor.ContributeAsync(c, tx, board, snapshot);
        return snapshot;
    }

    /// <summary>
    /// The speaker's sessions in this release as an .ics, built from the frozen snapshot in the release transaction,
    /// so the file matches the version the mail announces. None when all their sessions were cancelled.
    /// </summary>
    internal static IReadOnlyList<MailAttachment> SpeakerCalendar(ReleaseSnapshot release, long speakerId, string baseUrl)
    {
        var theirs = release.Sessions.Where(s => s.Speakers.Any(p => p.Id == speakerId)).ToList();
        if (theirs.Count == 0) return [];
        var name = theirs[0].Speakers.First(p => p.Id == speakerId).Name;
        var ics = ScheduleExports.Ics(theirs.Select(s => (release, s)), $"{release.EventName}: {name}", baseUrl);
        return [new MailAttachment($"{release.Slug}-sessions.ics", SpeakerCalendarType, ics)];
    }

    public const string SpeakerCalendarType = "text/calendar; charset=utf-8";

    // Speakers hear about their own sessions; attendees about the starred sessions they do not speak in.
    private async Task NotifyAsync(IDbConnection c, IDbTransaction tx, OutboxBatch notices, EventRow e, ReleaseSnapshot? previous, ReleaseSnapshot current,
        IReadOnlyList<ScheduleChange> changes, bool held, Wording? speakerWording, Wording? attendeeWording, string baseUrl)
    {
        if (changes.Count == 0) return;
        var bySession = changes.ToLookup(ch => ch.SessionId);
        IReadOnlyList<SnapSpeaker> SpeakersOf(long id) => current.Find(id)?.Speakers ?? previous?.Find(id)?.Speakers ?? [];
        string Lines(IEnumerable<long> ids) => string.Join("\n", ids.SelectMany(id => bySession[id])
            .Select(ch => $"- \"{ch.Title}\": {ChangelogRules.Describe(ch, e.Zone)}"));

        var speakerSessions = bySession.SelectMany(g => SpeakersOf(g.Key).Select(p => (p.Id, Session: g.Key)))
            .GroupBy(x => x.Id, x => x.Session).ToList();
        var speakerKind = held ? ScheduleNotificationKinds.SpeakerChangedHeld : ScheduleNotificationKinds.SpeakerChanged;
        foreach (var speaker in speakerSessions)
        {
            await notices.AddAsync(c, tx, new NotificationRequest($"schedule-release:{e.Id}:{current.Number}:speaker:{speaker.Key}",
                speakerKind.Name, speaker.Key, e.Id, new Dictionary<string, string>
                {
                    ["version"] = current.Number.ToString(),
                    ["changes"] = Lines(speaker.Distinct()),
                    ["sessions_link"] = $"/events/{e.Slug}/speakers/{speaker.Key}",
                    ["calendar_link"] = $"/events/{e.Slug}/speakers/{speaker.Key}/sessions.ics",
                }, held ? speakerWording : null) { Attachments = SpeakerCalendar(current, speaker.Key, baseUrl) });
        }

        var ids = bySession.Select(g => g.Key).ToList();
        var stars = await c.QueryAsync<(long UserId, long SessionId)>(
            $"SELECT user_id, session_id FROM schedule_stars WHERE {SqlDialect.Of(c).InList("session_id", "@ids")} ORDER BY user_id, session_id", new { ids }, tx);
        var attendeeKind = held ? ScheduleNotificationKinds.AttendeeChangedHeld : ScheduleNotificationKinds.AttendeeChanged;
        foreach (var holder in stars.GroupBy(s => s.UserId, s => s.SessionId))
        {
            var theirs = holder.Where(id => SpeakersOf(id).All(p => p.Id != holder.Key)).ToList();
            if (theirs.Count == 0) continue;
            await notices.AddAsync(c, tx, new NotificationRequest($"schedule-release:{e.Id}:{current.Number}:agenda:{holder.Key}",
                attendeeKind.Name, holder.Key, e.Id, new Dictionary<string, string>
                {
                    ["version"] = current.Number.ToString(),
                    ["changes"] = Lines(theirs),
                    ["agenda_link"] = "/my/agenda",
                }, held ? attendeeWording : null));
        }
    }
}
