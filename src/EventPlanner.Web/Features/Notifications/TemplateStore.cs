using System.Text.Json;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>A template rendered for a preview, and where its values came from.</summary>
public sealed record TemplatePreview(string Subject, string BodyMarkdown, string BodyText, string Source);

/// <summary>Per-event overrides of the built-in wording, checked so a typo in a placeholder never reaches anyone.</summary>
public sealed class TemplateStore(Db db, TimeProvider clock, AppUrls urls, NotificationOptions options)
{
    public static Wording? Validate(NotificationKind kind, string? subject, string? body, Validator v)
    {
        var s = v.Required("subject", subject, TemplateText.MaxSubject, "Subject");
        var b = v.Required("body", body, TemplateText.MaxBody, "Body");
        if (s is not null && s.Contains('\n')) v.Add("subject", "The subject must fit on one line.");
        var allowed = kind.AllPlaceholders.ToList();
        foreach (var (field, text) in new[] { ("subject", s), ("body", b) })
        {
            if (text is null) continue;
            foreach (var unknown in TemplateText.Unknown(text, allowed))
            {
                v.Add(field, $"{{{unknown}}} is not a placeholder of this template. It can use: {string.Join(", ", allowed.Select(a => $"{{{a}}}"))}. Write {{{{ and }}}} for literal braces.");
            }
        }
        return v.HasErrors ? null : new Wording(s!, b!);
    }

    public async Task<IReadOnlyList<TemplateOverrideRow>> ListAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TemplateOverrideRow>(
            "SELECT event_id, kind, subject, body, updated_at FROM notification_templates WHERE event_id = @eventId", new { eventId })).AsList();
    }

    public async Task<Wording?> FindAsync(long eventId, string kind, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Wording>(
            "SELECT subject, body FROM notification_templates WHERE event_id = @eventId AND kind = @kind", new { eventId, kind });
    }

    public async Task<bool> SaveAsync(long eventId, NotificationKind kind, string? subject, string? body, long userId, Validator v, CancellationToken ct = default)
    {
        if (Validate(kind, subject, body, v) is not { } wording) return false;
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO notification_templates (event_id, kind, subject, body, updated_by, updated_at)
            VALUES (@eventId, @Name, @Subject, @Body, @userId, @now)
            ON CONFLICT (event_id, kind) DO UPDATE SET subject = excluded.subject, body = excluded.body,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, new { eventId, kind.Name, wording.Subject, wording.Body, userId, now = clock.GetUtcNow() }, tx), ct);
        return true;
    }

    public Task<int> ResetAsync(long eventId, string kind, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM notification_templates WHERE event_id = @eventId AND kind = @kind", new { eventId, kind }, tx), ct);

    /// <summary>
    /// Renders <paramref name="wording"/> with real data: the values of the latest notification of this
    /// kind in the event when there is one, else the event's own details, the viewer as recipient and
    /// the kind's sample values for the rest.
    /// </summary>
    public async Task<TemplatePreview> PreviewAsync(long eventId, NotificationKind kind, Wording wording, string viewerName, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var latest = await c.QuerySingleOrDefaultAsync<NotificationRow>("""
            SELECT * FROM notifications WHERE event_id = @eventId AND kind = @Name AND payload <> '{}'
            ORDER BY id DESC LIMIT 1
            """, new { eventId, kind.Name });
        Dictionary<string, string> values;
        string source;
        if (latest is not null)
        {
            values = JsonSerializer.Deserialize<Dictionary<string, string>>(latest.Payload) ?? [];
            source = $"the values of the latest “{kind.Label}” notification, sent to {latest.ToName} on {latest.CreatedAt:d MMM yyyy}";
        }
        else
        {
            var ev = await c.QuerySingleAsync<(string Name, string Slug)>("SELECT name, slug FROM events WHERE id = @eventId", new { eventId });
            values = new Dictionary<string, string>(kind.SampleValues)
            {
                ["recipient_name"] = viewerName,
                ["site_name"] = options.SiteName,
                ["event_name"] = ev.Name,
                ["event_link"] = urls.Absolute($"/events/{ev.Slug}"),
            };
            source = "this event's details, you as the recipient, and sample values where no notification of this kind exists yet";
        }
        var body = TemplateText.RenderBody(wording.Body, values);
        return new TemplatePreview(TemplateText.RenderSubject(wording.Subject, values), body, TemplateText.ToPlainText(body), source);
    }
}
