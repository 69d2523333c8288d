using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>How organisers shape an event's call: dates and text, session types, questions.</summary>
public sealed class CfpStore(Db db, TimeProvider clock, CfpWebhooks webhooks)
{
    private const string TypeColumns = "id, event_id, name, durations, closes_at, accepts_late, is_hidden, is_enabled, max_speakers, sort_order";
    private const string QuestionColumns = "id, event_id, target, kind, prompt, help, options, is_required, track_ids, session_type_ids, sort_order, is_active";

    /// <summary>Settings, types, tracks and questions of one event in a single round trip.</summary>
    public async Task<CfpContext> LoadContextAsync(EventRow e, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync($"""
            SELECT event_id, opens_at, closes_at, intro, updated_at FROM cfp_settings WHERE event_id = @Id;
            SELECT {TypeColumns} FROM session_types WHERE event_id = @Id ORDER BY sort_order, name;
            SELECT id, event_id, name, colour FROM tracks WHERE event_id = @Id ORDER BY name;
            SELECT {QuestionColumns} FROM cfp_questions WHERE event_id = @Id ORDER BY sort_order, id;
            """, new { e.Id });
        var settings = (await grid.ReadAsync<CfpSettingsRow>()).FirstOrDefault();
        return new CfpContext(e, settings, (await grid.ReadAsync<SessionTypeRow>()).AsList(),
            (await grid.ReadAsync<TrackRow>()).AsList(), (await grid.ReadAsync<QuestionRow>()).AsList());
    }

    /// <summary>
    /// Saves the dates and text; the first save also offers the usual session types. Dates that open or close the call
    /// now are announced to webhooks in the same transaction (the sweep does it for times that pass later).
    /// </summary>
    public async Task<CfpSettingsRow> SaveSettingsAsync(long eventId, CfpSettingsValues values, CancellationToken ct = default)
    {
        var announced = false;
        var saved = await db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var row = await c.QuerySingleAsync<CfpSettingsRow>("""
                INSERT INTO cfp_settings (event_id, opens_at, closes_at, intro, updated_at) VALUES (@eventId, @OpensAt, @ClosesAt, @Intro, @now)
                ON CONFLICT (event_id) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at,
                    intro = excluded.intro, updated_at = excluded.updated_at
                RETURNING event_id, opens_at, closes_at, intro, updated_at
                """, new { eventId, values.OpensAt, values.ClosesAt, values.Intro, now }, tx);
            if (await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_types WHERE event_id = @eventId", new { eventId }, tx) == 0)
            {
                var order = 0;
                foreach (var (name, durations, max) in SessionTypeRules.Defaults)
                {
                    await c.ExecuteAsync("""
                        INSERT INTO session_types (event_id, name, durations, max_speakers, sort_order) VALUES (@eventId, @name, @d, @max, @order)
                        """, new { eventId, name, d = string.Join(",", durations), max, order = order++ }, tx);
                }
            }
            announced = await webhooks.AnnounceInAsync(c, tx, eventId);
            return row;
        }, ct);
        if (announced) webhooks.Kick();
        return saved;
    }

    public Task<SessionTypeRow?> AddTypeAsync(long eventId, SessionTypeValues t, Validator v, CancellationToken ct = default) =>
        UniqueName(v, t.Name, db.WriteAsync((c, tx) => c.QuerySingleAsync<SessionTypeRow?>($"""
            INSERT INTO session_types (event_id, name, durations, closes_at, accepts_late, is_hidden, is_enabled, max_speakers, sort_order)
            VALUES (@eventId, @Name, @DurationText, @ClosesAt, @AcceptsLate, @IsHidden, @IsEnabled, @MaxSpeakers, @SortOrder)
            RETURNING {TypeColumns}
            """, new { eventId, t.Name, t.DurationText, t.ClosesAt, t.AcceptsLate, t.IsHidden, t.IsEnabled, t.MaxSpeakers, t.SortOrder }, tx), ct));

    public Task<SessionTypeRow?> UpdateTypeAsync(long eventId, long id, SessionTypeValues t, Validator v, CancellationToken ct = default) =>
        UniqueName(v, t.Name, db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<SessionTypeRow?>($"""
            UPDATE session_types SET name = @Name, durations = @DurationText, closes_at = @ClosesAt, accepts_late = @AcceptsLate,
                   is_hidden = @IsHidden, is_enabled = @IsEnabled, max_speakers = @MaxSpeakers, sort_order = @SortOrder
            WHERE id = @id AND event_id = @eventId
            RETURNING {TypeColumns}
            """, new { eventId, id, t.Name, t.DurationText, t.ClosesAt, t.AcceptsLate, t.IsHidden, t.IsEnabled, t.MaxSpeakers, t.SortOrder }, tx), ct));

    public Task<QuestionRow?> AddQuestionAsync(CfpContext ctx, QuestionValues q, Validator v, CancellationToken ct = default)
    {
        if (!CheckLimits(ctx, q, v)) return Task.FromResult<QuestionRow?>(null);
        return db.WriteAsync((c, tx) => c.QuerySingleAsync<QuestionRow?>($"""
            INSERT INTO cfp_questions (event_id, target, kind, prompt, help, options, is_required, track_ids, session_type_ids, sort_order, is_active)
            VALUES (@eventId, @Target, @Kind, @Prompt, @Help, @options, @IsRequired, @tracks, @types, @SortOrder, @IsActive)
            RETURNING {QuestionColumns}
            """, Params(ctx.Event.Id, 0, q), tx), ct);
    }

    public Task<QuestionRow?> UpdateQuestionAsync(CfpContext ctx, long id, QuestionValues q, Validator v, CancellationToken ct = default)
    {
        if (!CheckLimits(ctx, q, v)) return Task.FromResult<QuestionRow?>(null);
        return db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<QuestionRow?>($"""
            UPDATE cfp_questions SET target = @Target, kind = @Kind, prompt = @Prompt, help = @Help, options = @options,
                   is_required = @IsRequired, track_ids = @tracks, session_type_ids = @types, sort_order = @SortOrder, is_active = @IsActive
            WHERE id = @id AND event_id = @eventId
            RETURNING {QuestionColumns}
            """, Params(ctx.Event.Id, id, q), tx), ct);
    }

    private static object Params(long eventId, long id, QuestionValues q) => new
    {
        eventId, id, q.Target, q.Kind, q.Prompt, q.Help, options = Json.Of(q.Options), q.IsRequired,
        tracks = Json.Of(q.TrackIds), types = Json.Of(q.SessionTypeIds), q.SortOrder, q.IsActive,
    };

    private static bool CheckLimits(CfpContext ctx, QuestionValues q, Validator v)
    {
        if (q.TrackIds.Any(t => ctx.Tracks.All(k => k.Id != t))) v.Add("trackIds", "One of the tracks does not exist in this event.");
        if (q.SessionTypeIds.Any(t => ctx.Type(t) is null)) v.Add("sessionTypeIds", "One of the session types does not exist in this event.");
        return !v.HasErrors;
    }

    private static async Task<T?> UniqueName<T>(Validator v, string name, Task<T?> write) where T : class
    {
        try
        {
            return await write;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            v.Add("name", $"There is already a session type called '{name}'.");
            return null;
        }
    }
}
