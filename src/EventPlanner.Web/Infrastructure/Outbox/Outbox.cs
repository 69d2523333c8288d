using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Where every feature writes what someone must be told, one way: <see cref="WriteWithNoticesAsync{T}"/> (or
/// <see cref="WriteLockedWithNoticesAsync{T}"/>) runs the write transaction with an <see cref="OutboxBatch"/>; the
/// change adds its notifications to the batch, so the promise commits or rolls back with it, and delivery is kicked
/// after the commit (a sweeper would find the rows within a minute anyway), never by a call someone may forget.
/// The row is rendered here, with the event's template override if it has one, so the inbox shows it at once and
/// later template edits do not rewrite queued mail.
/// </summary>
public sealed class Outbox(Db db, TimeProvider clock, AppUrls urls, NotificationOptions options, NotificationKindRegistry kinds, IOutboxDispatcher dispatcher,
    IConfiguration configuration)
{
    private readonly string _mailDomain = (configuration["EventPlanner:Mail:FromAddress"] ?? "eventplanner@localhost").Split('@').Last();

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (<see cref="Db.WriteAsync{T}"/>) with a fresh batch, and
    /// kicks delivery of what it queued once the transaction has committed; a write that throws queues and kicks nothing.
    /// </summary>
    public async Task<T> WriteWithNoticesAsync<T>(Func<DbConnection, IDbTransaction, OutboxBatch, Task<T>> work, CancellationToken ct = default)
    {
        var batch = new OutboxBatch(this);
        var result = await db.WriteAsync((c, tx) => work(c, tx, batch), ct);
        batch.KickAfterCommit();
        return result;
    }

    public Task WriteWithNoticesAsync(Func<DbConnection, IDbTransaction, OutboxBatch, Task> work, CancellationToken ct = default) =>
        WriteWithNoticesAsync<bool>(async (c, tx, batch) => { await work(c, tx, batch); return true; }, ct);

    /// <summary>As <see cref="WriteWithNoticesAsync{T}"/>, as the event's only writer (<see cref="Db.WriteLockedAsync{T}"/>).</summary>
    public async Task<T> WriteLockedWithNoticesAsync<T>(long eventId, Func<DbConnection, IDbTransaction, OutboxBatch, Task<T>> work,
        CancellationToken ct = default)
    {
        var batch = new OutboxBatch(this);
        var result = await db.WriteLockedAsync(eventId, (c, tx) => work(c, tx, batch), ct);
        batch.KickAfterCommit();
        return result;
    }

    public Task WriteLockedWithNoticesAsync(long eventId, Func<DbConnection, IDbTransaction, OutboxBatch, Task> work, CancellationToken ct = default) =>
        WriteLockedWithNoticesAsync<bool>(eventId, async (c, tx, batch) => { await work(c, tx, batch); return true; }, ct);

    /// <summary>
    /// Queues one notification in the caller's transaction. Returns its id, or null when the dedupe key
    /// was already queued. Features reach it through <see cref="OutboxBatch.AddAsync"/> (which the kick
    /// after commit goes with); <c>OutboxRulesTests</c> fails on any other caller in <c>src</c>.
    /// </summary>
    internal Task<long?> EnqueueAsync(IDbConnection c, IDbTransaction tx, NotificationRequest request) => InsertAsync(c, tx, request, claimed: false);

    /// <summary>
    /// The one exception to the batch: a notification written as already claimed by the caller, who sends it at once
    /// after the commit (<see cref="IImmediateDelivery.SendNowAsync"/>), so no background run can take it first and no
    /// kick is wanted. Returns its id, or null when the dedupe key was already queued.
    /// </summary>
    public Task<long?> EnqueueClaimedAsync(IDbConnection c, IDbTransaction tx, NotificationRequest request) => InsertAsync(c, tx, request, claimed: true);

    private async Task<long?> InsertAsync(IDbConnection c, IDbTransaction tx, NotificationRequest request, bool claimed)
    {
        var kind = kinds.Get(request.Kind);
        var recipient = await RecipientAsync(c, tx, request, kind);

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["recipient_name"] = recipient.DisplayName,
            ["site_name"] = options.SiteName,
        };
        Wording? overridden = null;
        if (request.EventId is { } eventId)
        {
            var ev = await c.QuerySingleAsync<(string Name, string Slug)>("SELECT name, slug FROM events WHERE id = @eventId", new { eventId }, tx);
            values["event_name"] = ev.Name;
            values["event_link"] = urls.Absolute($"/events/{ev.Slug}");
            if (kind.Overridable)
            {
                overridden = await c.QuerySingleOrDefaultAsync<Wording>(
                    "SELECT subject, body FROM notification_templates WHERE event_id = @eventId AND kind = @Kind", new { eventId, request.Kind }, tx);
            }
        }
        foreach (var (name, value) in request.Values)
        {
            values[name] = value.StartsWith('/') && !value.StartsWith("//") ? urls.Absolute(value) : value;
        }
        var missing = kind.Placeholders.Where(p => !values.ContainsKey(p)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Notification {request.DedupeKey} lacks values for {string.Join(", ", missing)}.");

        var wording = request.Wording ?? overridden ?? new Wording(kind.Subject, kind.Body);
        var now = clock.GetUtcNow();
        var id = await c.ExecuteScalarAsync<long?>("""
            INSERT INTO notifications (dedupe_key, kind, user_id, event_id, to_address, to_name, payload, subject, body, message_id,
                                       unsubscribe_token, in_inbox, state, attempts, claimed_until, next_attempt_at, created_at, updated_at)
            VALUES (@DedupeKey, @Kind, @UserId, @EventId, @Email, @DisplayName, @payload, @subject, @body, @messageId,
                    @unsubscribe, @InInbox, @state, @attempts, @claimedUntil, @now, @now, @now)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """, new
        {
            request.DedupeKey, request.Kind, recipient.UserId, request.EventId, recipient.Email, recipient.DisplayName,
            payload = JsonSerializer.Serialize(values),
            subject = Truncate(TemplateText.RenderSubject(wording.Subject, values), TemplateText.MaxSubject),
            body = TemplateText.RenderBody(wording.Body, values),
            messageId = $"{Token(16)}@{_mailDomain}",
            unsubscribe = kind.Transactional ? null : Token(32),
            // Someone without an account has no inbox; the row must not turn up in anyone else's.
            InInbox = kind.InInbox && recipient.UserId is not null,
            state = claimed ? NotificationStates.Sending : kind.HeldForRelease ? NotificationStates.Held : NotificationStates.Pending,
            attempts = claimed ? 1 : 0,
            claimedUntil = claimed ? now + options.Lease : (DateTimeOffset?)null,
            now,
        }, tx);
        // Only with a new row: a repeated dedupe key keeps the attachments it was first written with.
        if (id is { } notificationId && request.Attachments.Count > 0)
        {
            await c.ExecuteAsync("""
                INSERT INTO notification_attachments (notification_id, file_name, content_type, content)
                VALUES (@notificationId, @FileName, @ContentType, @Content)
                """, request.Attachments.Select(a => new { notificationId, a.FileName, a.ContentType, a.Content }), tx);
        }
        return id;
    }

    private sealed record Recipient
    {
        public long? UserId { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }

    private static async Task<Recipient> RecipientAsync(IDbConnection c, IDbTransaction tx, NotificationRequest request, NotificationKind kind)
    {
        if (request.UserId is { } userId)
        {
            return await c.QuerySingleOrDefaultAsync<Recipient>("SELECT id AS user_id, email, display_name FROM users WHERE id = @userId", new { userId }, tx)
                ?? throw new InvalidOperationException($"Notification {request.DedupeKey}: no user {userId}.");
        }
        var address = request.ToAddress?.Trim();
        if (string.IsNullOrEmpty(address)) throw new InvalidOperationException($"Notification {request.DedupeKey} names neither a user nor an address.");
        // Only a confirmed address is someone's: an unconfirmed account could be anyone's claim to it.
        var owner = await c.QuerySingleOrDefaultAsync<Recipient>("""
            SELECT id AS user_id, email, display_name FROM users WHERE normalized_email = @normalized AND email_confirmed = TRUE
            """, new { normalized = address.ToUpperInvariant() }, tx);
        if (owner is not null) return owner;
        if (!kind.Transactional) throw new InvalidOperationException($"Notification {request.DedupeKey}: an optional kind needs an account to unsubscribe.");
        return new Recipient { Email = address, DisplayName = string.IsNullOrWhiteSpace(request.ToName) ? address : request.ToName.Trim() };
    }

    /// <summary>
    /// Queues one notification in its own transaction and (unless <paramref name="kick"/> is false) starts delivery: for tests
    /// and tools that need a row with no change behind it. A feature's notification is written with its change instead.
    /// </summary>
    internal async Task<long?> EnqueueAsync(NotificationRequest request, bool kick = true, CancellationToken ct = default)
    {
        var id = await db.WriteAsync((c, tx) => EnqueueAsync(c, tx, request), ct);
        if (id is not null && kick) Kick();
        return id;
    }

    /// <summary>Starts delivery of whatever is due. Cheap; <see cref="OutboxBatch"/> calls it after its commit.</summary>
    internal void Kick() => dispatcher.Kick();

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    internal static string Token(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
