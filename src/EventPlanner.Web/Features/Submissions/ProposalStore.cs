using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Proposals through their life: draft, submit, edit, withdraw. Every write is one BEGIN IMMEDIATE
/// transaction (on PostgreSQL, a state change also holds the event's lock) that reads the clock, the deadline and the access code inside it, and keeps a version row.
/// A refused write throws <see cref="Refused"/> inside the transaction so nothing of it is kept, nor
/// any notification: those are written by <see cref="SubmissionNotices"/> in the same transaction.
/// </summary>
public sealed class ProposalStore(Db db, TimeProvider clock, SubmissionNotices notices, Outbox outbox, IEnumerable<IProposalWithdrawalHandler> withdrawalHandlers,
    AccessCodeGuesses guesses)
{
    internal const string Columns = """
        p.id, p.event_id, p.session_type_id, p.title, p.abstract, p.description, p.duration_minutes, p.audience_level, p.language,
        p.notes, p.availability, p.state, p.released_state, p.access_code_id, p.submitted_late, p.version, p.copied_from_id,
        p.created_by, p.created_at, p.updated_at, p.submitted_at, p.withdrawn_at
        """;

    private sealed class Refused : Exception;

    public async Task<ProposalRow?> FindAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ProposalRow>($"SELECT {Columns} FROM proposals p WHERE p.id = @id AND p.event_id = @eventId", new { id, eventId });
    }

    /// <summary>The proposal only when the user is one of its confirmed speakers.</summary>
    public async Task<ProposalRow?> FindForSpeakerAsync(long eventId, long id, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ProposalRow>($"""
            SELECT {Columns} FROM proposals p JOIN proposal_speakers s ON s.proposal_id = p.id AND s.user_id = @userId
            WHERE p.id = @id AND p.event_id = @eventId
            """, new { id, eventId, userId });
    }

    public async Task<ProposalDetail?> LoadDetailAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync($"""
            SELECT {Columns} FROM proposals p WHERE p.id = @id;
            SELECT s.proposal_id, s.user_id, u.email, u.display_name, sp.full_name, s.is_owner
              FROM proposal_speakers s JOIN users u ON u.id = s.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = s.user_id
             WHERE s.proposal_id = @id ORDER BY s.is_owner DESC, s.joined_at, u.id;
            SELECT pt.proposal_id, pt.track_id, t.name, pt.preference FROM proposal_tracks pt JOIN tracks t ON t.id = pt.track_id
             WHERE pt.proposal_id = @id ORDER BY pt.preference;
            SELECT question_id, value FROM proposal_answers WHERE proposal_id = @id;
            SELECT tag FROM proposal_tags WHERE proposal_id = @id ORDER BY tag;
            SELECT id, proposal_id, email, invited_by, created_at, expires_at, response, responded_at
              FROM cospeaker_invitations WHERE proposal_id = @id ORDER BY id;
            """, new { id });
        var p = (await grid.ReadAsync<ProposalRow>()).FirstOrDefault();
        if (p is null) return null;
        return new ProposalDetail(p, (await grid.ReadAsync<ProposalSpeakerRow>()).AsList(), (await grid.ReadAsync<ProposalTrackRow>()).AsList(),
            (await grid.ReadAsync<AnswerRow>()).AsList(), (await grid.ReadAsync<string>()).AsList(), (await grid.ReadAsync<InvitationRow>()).AsList());
    }

    public async Task<string?> SessionTypeNameAsync(long typeId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>("SELECT name FROM session_types WHERE id = @typeId", new { typeId });
    }

    public async Task<IReadOnlyList<AnswerRow>> SpeakerAnswersAsync(long eventId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<AnswerRow>("SELECT question_id, value FROM speaker_answers WHERE event_id = @eventId AND user_id = @userId",
            new { eventId, userId })).AsList();
    }

    public async Task<IReadOnlyList<MyProposalRow>> ListMineAsync(long eventId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<MyProposalRow>("""
            SELECT p.id, p.title, t.name AS session_type, p.released_state, p.updated_at, p.submitted_at
            FROM proposals p JOIN proposal_speakers s ON s.proposal_id = p.id AND s.user_id = @userId
            JOIN session_types t ON t.id = p.session_type_id
            WHERE p.event_id = @eventId ORDER BY p.created_at DESC, p.id DESC
            """, new { eventId, userId })).AsList();
    }

    public async Task<IReadOnlyList<ProposalVersionRow>> VersionsAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ProposalVersionRow>("""
            SELECT v.id, v.proposal_id, v.version, v.change, v.state, v.title, v.abstract, v.description, v.session_type_id,
                   v.duration_minutes, v.audience_level, v.language, v.notes, v.track_ids, v.edited_by, u.display_name AS editor_name, v.edited_at
            FROM proposal_versions v LEFT JOIN users u ON u.id = v.edited_by
            WHERE v.proposal_id = @id ORDER BY v.version
            """, new { id })).AsList();
    }

    public async Task<ProposalRow?> CreateAsync(CfpContext ctx, long userId, ProposalValues values, bool submit, Validator v, long? copiedFrom = null, CancellationToken ct = default)
    {
        var row = await Attempt(v, (c, tx, told) => CreateInAsync(c, tx, ctx, userId, values, submit, v, copiedFrom, told), ct);
        return row;
    }

    internal async Task<ProposalRow> CreateInAsync(IDbConnection c, IDbTransaction tx, CfpContext ctx, long userId, ProposalValues values, bool submit, Validator v, long? copiedFrom,
        OutboxBatch told)
    {
        var now = clock.GetUtcNow();
        var window = await WindowAsync(c, tx, ctx, userId, values.SessionTypeId, values.AccessCode, null, alreadyCounted: false, now, v);
        var codeId = window.ByCode ? window.CodeId : null;
        if (submit)
        {
            var stored = await SpeakerAnswerIdsAsync(c, tx, ctx.Event.Id, userId);
            stored.UnionWith(values.SpeakerAnswers.Keys);
            var draft = new ProposalRow { Abstract = values.Abstract, DurationMinutes = values.DurationMinutes };
            ProposalRules.CheckComplete(draft, ctx.Type(values.SessionTypeId)!, values.TrackIds, ctx.Questions,
                values.ProposalAnswers.Keys.ToHashSet(), stored, v);
            if (v.HasErrors) throw new Refused();
            if (codeId is { } code) await CountCodeUseAsync(c, tx, code, v);
        }
        var state = submit ? ProposalStates.Submitted : ProposalStates.Draft;
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO proposals (event_id, session_type_id, title, abstract, description, duration_minutes, audience_level, language, notes,
                                   availability, state, released_state, access_code_id, submitted_late, copied_from_id, created_by, created_at, updated_at, submitted_at)
            VALUES (@eventId, @SessionTypeId, @Title, @Abstract, @Description, @DurationMinutes, @AudienceLevel, @Language, @Notes,
                    @availability, @state, @state, @codeId, @late, @copiedFrom, @userId, @now, @now, @submittedAt)
            RETURNING id
            """, new
        {
            eventId = ctx.Event.Id, values.SessionTypeId, values.Title, values.Abstract, values.Description, values.DurationMinutes,
            values.AudienceLevel, values.Language, values.Notes, availability = Json.Of(values.Availability), state, codeId,
            late = submit && window.IsLate, copiedFrom, userId, now, submittedAt = submit ? now : (DateTimeOffset?)null,
        }, tx);
        await c.ExecuteAsync("INSERT INTO proposal_speakers (proposal_id, user_id, is_owner, joined_at) VALUES (@id, @userId, TRUE, @now)",
            new { id, userId, now }, tx);
        await WriteChildrenAsync(c, tx, ctx.Event.Id, id, userId, values, replaceSpeakerAnswers: true);
        await SnapshotAsync(c, tx, id, submit ? "submitted" : copiedFrom is null ? "created" : "copied", userId, now);
        if (submit) await notices.ProposalSubmittedAsync(c, tx, told, ctx.Event, id);
        return (await c.QuerySingleAsync<ProposalRow>($"SELECT {Columns} FROM proposals p WHERE p.id = @id", new { id }, tx));
    }

    /// <summary>A speaker's edit (deadline applies) or an organiser's (no deadline; the speakers are told).</summary>
    public async Task<ProposalRow?> UpdateAsync(CfpContext ctx, long id, long userId, ProposalValues values, bool asOrganiser, bool submit, Validator v, CancellationToken ct = default)
    {
        var updated = await Attempt(v, async (c, tx, told) =>
        {
            var now = clock.GetUtcNow();
            var current = await LoadForWriteAsync(c, tx, ctx.Event.Id, id, asOrganiser ? null : userId, v);
            if (asOrganiser)
            {
                if (current.State == ProposalStates.Withdrawn) Refuse(v, "state", "This proposal was withdrawn; it can no longer be edited.");
            }
            else
            {
                if (!ProposalStates.SpeakerMayEdit(current.State))
                    Refuse(v, "state", $"This proposal is {ProposalStates.Label(current.ReleasedState).ToLowerInvariant()} and can no longer be edited. Write to the organisers if something must change.");
            }
            long? codeId = current.AccessCodeId;
            var window = asOrganiser ? null : await WindowAsync(c, tx, ctx, userId, values.SessionTypeId, values.AccessCode, current.AccessCodeId,
                alreadyCounted: current.SubmittedAt is not null, now, v);
            if (window is { ByCode: true }) codeId = window.CodeId;
            var submitting = submit && current.State == ProposalStates.Draft && !asOrganiser;
            var mustBeComplete = submitting || current.State != ProposalStates.Draft;
            if (mustBeComplete)
            {
                var speakerAnswers = await SpeakerAnswerIdsAsync(c, tx, ctx.Event.Id, userId);
                if (!asOrganiser) speakerAnswers.UnionWith(values.SpeakerAnswers.Keys);
                var next = new ProposalRow { Abstract = values.Abstract, DurationMinutes = values.DurationMinutes };
                // An organiser's edit is not blocked by a speaker's missing answers, only by the proposal's own fields.
                var questions = asOrganiser ? ctx.Questions.Where(q => q.Target == QuestionTargets.Proposal) : ctx.Questions;
                ProposalRules.CheckComplete(next, ctx.Type(values.SessionTypeId)!, values.TrackIds, questions,
                    values.ProposalAnswers.Keys.ToHashSet(), speakerAnswers, v);
                if (v.HasErrors) throw new Refused();
            }
            if (submitting && codeId is { } code && window is { ByCode: true }) await CountCodeUseAsync(c, tx, code, v);
            await c.ExecuteAsync("""
                UPDATE proposals SET session_type_id = @SessionTypeId, title = @Title, abstract = @Abstract, description = @Description,
                       duration_minutes = @DurationMinutes, audience_level = @AudienceLevel, language = @Language, notes = @Notes,
                       availability = @availability, access_code_id = @codeId, updated_at = @now
                WHERE id = @id
                """, new
            {
                id, values.SessionTypeId, values.Title, values.Abstract, values.Description, values.DurationMinutes, values.AudienceLevel,
                values.Language, values.Notes, availability = Json.Of(values.Availability), codeId, now,
            }, tx);
            await WriteChildrenAsync(c, tx, ctx.Event.Id, id, userId, values, replaceSpeakerAnswers: !asOrganiser);
            await SnapshotBumpAsync(c, tx, id, asOrganiser ? "organiser_edit" : "edited", userId, now);
            if (submitting) await MarkSubmittedAsync(c, tx, id, userId, window!.IsLate, now);
            var row = await c.QuerySingleAsync<ProposalRow>($"SELECT {Columns} FROM proposals p WHERE p.id = @id", new { id }, tx);
            if (submitting) await notices.ProposalSubmittedAsync(c, tx, told, ctx.Event, id);
            if (asOrganiser) await notices.EditedByOrganiserAsync(c, tx, told, ctx.Event, id, row.Version, userId);
            return row;
        }, ct);
        return updated;
    }

    /// <summary>Submits a draft as it is stored, optionally with an access code for a late submission.</summary>
    public async Task<ProposalRow?> SubmitAsync(CfpContext ctx, long id, long userId, string? accessCode, Validator v, CancellationToken ct = default)
    {
        var submitted = await Attempt(v, async (c, tx, told) =>
        {
            var now = clock.GetUtcNow();
            var current = await LoadForWriteAsync(c, tx, ctx.Event.Id, id, userId, v);
            if (current.State != ProposalStates.Draft) Refuse(v, "state", "This proposal has already been submitted.");
            var window = await WindowAsync(c, tx, ctx, userId, current.SessionTypeId, accessCode, current.AccessCodeId, alreadyCounted: false, now, v);
            var trackIds = (await c.QueryAsync<long>("SELECT track_id FROM proposal_tracks WHERE proposal_id = @id", new { id }, tx)).ToList();
            var answered = (await c.QueryAsync<long>("SELECT question_id FROM proposal_answers WHERE proposal_id = @id", new { id }, tx)).ToHashSet();
            ProposalRules.CheckComplete(current, ctx.Type(current.SessionTypeId)!, trackIds, ctx.Questions, answered,
                await SpeakerAnswerIdsAsync(c, tx, ctx.Event.Id, userId), v);
            if (v.HasErrors) throw new Refused();
            if (window.ByCode)
            {
                await CountCodeUseAsync(c, tx, window.CodeId!.Value, v);
                await c.ExecuteAsync("UPDATE proposals SET access_code_id = @code WHERE id = @id", new { id, code = window.CodeId }, tx);
            }
            await MarkSubmittedAsync(c, tx, id, userId, window.IsLate, now);
            await notices.ProposalSubmittedAsync(c, tx, told, ctx.Event, id);
            return await c.QuerySingleAsync<ProposalRow>($"SELECT {Columns} FROM proposals p WHERE p.id = @id", new { id }, tx);
        }, ct);
        return submitted;
    }

    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run inside the transaction before anything is written; false withdraws nothing.</summary>
    public async Task<ProposalRow?> WithdrawAsync(long eventId, long id, long userId, Validator v, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null)
    {
        var row = await Attempt(v, async (c, tx, told) =>
        {
            var now = clock.GetUtcNow();
            var current = await LoadForWriteAsync(c, tx, eventId, id, userId, v);
            if (current.State == ProposalStates.Withdrawn) Refuse(v, "state", "This proposal is already withdrawn.");
            if (!ProposalStates.MayWithdraw(current.State))
                Refuse(v, "state", "This proposal is accepted and confirmed; write to the organisers to cancel the session.");
            if (stillAsShown is not null && !await stillAsShown(c, tx)) throw new Refused();
            await c.ExecuteAsync("""
                UPDATE proposals SET state = 'withdrawn', released_state = 'withdrawn', withdrawn_at = @now, updated_at = @now WHERE id = @id
                """, new { id, now }, tx);
            await SnapshotBumpAsync(c, tx, id, "withdrawn", userId, now);
            foreach (var handler in withdrawalHandlers) await handler.WithdrawnInAsync(c, tx, told, eventId, id, current.State, now);
            return await c.QuerySingleAsync<ProposalRow>($"SELECT {Columns} FROM proposals p WHERE p.id = @id", new { id }, tx);
        }, ct);
        return row;
    }

    public Task<IReadOnlyList<string>> SetTagsAsync(long eventId, long id, IReadOnlyList<string> tags, CancellationToken ct = default) =>
        db.WriteAsync<IReadOnlyList<string>>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM proposals WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx) == 0) return [];
            await c.ExecuteAsync("DELETE FROM proposal_tags WHERE proposal_id = @id", new { id }, tx);
            foreach (var tag in tags) await c.ExecuteAsync("INSERT INTO proposal_tags (proposal_id, tag) VALUES (@id, @tag)", new { id, tag }, tx);
            return tags.Order().ToList();
        }, ct);

    // ---- pieces used inside the transactions ----

    // One write with its notices (kicked after the commit); a refusal rolls it back and answers null.
    private async Task<T?> Attempt<T>(Validator v, Func<IDbConnection, IDbTransaction, OutboxBatch, Task<T>> work, CancellationToken ct) where T : class
    {
        try
        {
            return await outbox.WriteWithNoticesAsync(work, ct);
        }
        catch (Refused)
        {
            return null;
        }
    }

    private static void Refuse(Validator v, string field, string message)
    {
        v.Add(field, message);
        throw new Refused();
    }

    private static async Task<ProposalRow> LoadForWriteAsync(IDbConnection c, IDbTransaction tx, long eventId, long id, long? speakerId, Validator v)
    {
        // Every speaker-side state change (edit, submit, withdraw) reads the state and then writes it: on PostgreSQL the
        // event's lock keeps a withdrawal, a decision and an edit of one proposal from interleaving.
        await SqlDialect.Of(c).LockEventAsync(c, tx, eventId);
        var row = await c.QuerySingleOrDefaultAsync<ProposalRow>($"""
            SELECT {Columns} FROM proposals p WHERE p.id = @id AND p.event_id = @eventId
            AND (@speakerId IS NULL OR EXISTS (SELECT 1 FROM proposal_speakers s WHERE s.proposal_id = p.id AND s.user_id = @speakerId))
            """, new { id, eventId, speakerId }, tx);
        if (row is null) Refuse(v, "proposal", "There is no such proposal.");
        return row!;
    }

    private sealed record Window(WindowStatus Status, long? CodeId)
    {
        public bool ByCode => Status == WindowStatus.OpenByCode;
        public bool IsLate => Status == WindowStatus.OpenLate;
    }

    private async Task<Window> WindowAsync(IDbConnection c, IDbTransaction tx, CfpContext ctx, long userId, long typeId, string? codeText,
        long? attachedCodeId, bool alreadyCounted, DateTimeOffset now, Validator v)
    {
        if (!string.IsNullOrWhiteSpace(codeText) && guesses.IsBlocked(userId))
            Refuse(v, "accessCode", $"Too many unknown access codes from your account. Wait an hour, or ask the organisers for your code again.");
        var settings = await c.QuerySingleOrDefaultAsync<CfpSettingsRow>(
            "SELECT event_id, opens_at, closes_at, intro, updated_at FROM cfp_settings WHERE event_id = @Id", new { ctx.Event.Id }, tx);
        var type = await c.QuerySingleOrDefaultAsync<SessionTypeRow>("""
            SELECT id, event_id, name, durations, closes_at, accepts_late, is_hidden, is_enabled, max_speakers, sort_order
            FROM session_types WHERE id = @typeId AND event_id = @Id
            """, new { typeId, ctx.Event.Id }, tx);
        if (type is null) Refuse(v, "sessionTypeId", "That session type does not exist in this event.");
        var code = await AccessCodeStore.FindAsync(c, tx, ctx.Event.Id, codeText, codeText is null ? attachedCodeId : null);
        if (code is null && !string.IsNullOrWhiteSpace(codeText)) guesses.RecordMiss(userId);
        var grant = code is null ? null : CodeGrant.From(code, alreadyCounted && code.Id == attachedCodeId);
        var window = DeadlineRules.Evaluate(now, settings, type!, ctx.Event.Zone, grant);
        if (!window.Allows)
        {
            if (codeText is not null) v.Add("accessCode", "That access code is unknown, expired, used up, or for another session type.");
            Refuse(v, "submission", window.Refusal!);
        }
        return new Window(window.Status, window.ByCode ? code!.Id : null);
    }

    private static async Task CountCodeUseAsync(IDbConnection c, IDbTransaction tx, long codeId, Validator v)
    {
        var counted = await c.ExecuteAsync("UPDATE access_codes SET uses = uses + 1 WHERE id = @codeId AND (max_uses IS NULL OR uses < max_uses)",
            new { codeId }, tx);
        if (counted == 0) Refuse(v, "accessCode", "That access code has been used up.");
    }

    private static async Task<HashSet<long>> SpeakerAnswerIdsAsync(IDbConnection c, IDbTransaction tx, long eventId, long userId) =>
        (await c.QueryAsync<long>("SELECT question_id FROM speaker_answers WHERE event_id = @eventId AND user_id = @userId", new { eventId, userId }, tx)).ToHashSet();

    private static async Task WriteChildrenAsync(IDbConnection c, IDbTransaction tx, long eventId, long id, long userId, ProposalValues values, bool replaceSpeakerAnswers)
    {
        await c.ExecuteAsync("DELETE FROM proposal_tracks WHERE proposal_id = @id; DELETE FROM proposal_answers WHERE proposal_id = @id;", new { id }, tx);
        var preference = 1;
        foreach (var trackId in values.TrackIds)
        {
            await c.ExecuteAsync("INSERT INTO proposal_tracks (proposal_id, track_id, preference) VALUES (@id, @trackId, @preference)",
                new { id, trackId, preference = preference++ }, tx);
        }
        foreach (var (questionId, value) in values.ProposalAnswers)
        {
            await c.ExecuteAsync("INSERT INTO proposal_answers (proposal_id, question_id, value) VALUES (@id, @questionId, @value)",
                new { id, questionId, value }, tx);
        }
        if (!replaceSpeakerAnswers) return;
        foreach (var (questionId, value) in values.SpeakerAnswers)
        {
            await c.ExecuteAsync("""
                INSERT INTO speaker_answers (event_id, user_id, question_id, value) VALUES (@eventId, @userId, @questionId, @value)
                ON CONFLICT (event_id, user_id, question_id) DO UPDATE SET value = excluded.value
                """, new { eventId, userId, questionId, value }, tx);
        }
    }

    private static async Task MarkSubmittedAsync(IDbConnection c, IDbTransaction tx, long id, long userId, bool late, DateTimeOffset now)
    {
        await c.ExecuteAsync("""
            UPDATE proposals SET state = 'submitted', released_state = 'submitted', submitted_at = @now, submitted_late = @late, updated_at = @now
            WHERE id = @id
            """, new { id, late, now }, tx);
        await SnapshotBumpAsync(c, tx, id, "submitted", userId, now);
    }

    private static async Task SnapshotBumpAsync(IDbConnection c, IDbTransaction tx, long id, string change, long userId, DateTimeOffset now)
    {
        await c.ExecuteAsync("UPDATE proposals SET version = version + 1 WHERE id = @id", new { id }, tx);
        await SnapshotAsync(c, tx, id, change, userId, now);
    }

    internal static Task SnapshotAsync(IDbConnection c, IDbTransaction tx, long id, string change, long userId, DateTimeOffset now) =>
        c.ExecuteAsync($"""
            INSERT INTO proposal_versions (proposal_id, version, change, state, title, abstract, description, session_type_id, duration_minutes,
                                           audience_level, language, notes, track_ids, edited_by, edited_at)
            SELECT p.id, p.version, @change, p.state, p.title, p.abstract, p.description, p.session_type_id, p.duration_minutes,
                   p.audience_level, p.language, p.notes,
                   COALESCE((SELECT {SqlDialect.Of(c).JsonArrayAgg("track_id")} FROM (SELECT track_id FROM proposal_tracks WHERE proposal_id = p.id ORDER BY preference) x), '[]'),
                   @userId, @now
            FROM proposals p WHERE p.id = @id
            """, new { id, change, userId, now }, tx);
}
