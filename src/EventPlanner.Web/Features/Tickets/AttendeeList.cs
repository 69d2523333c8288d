using System.Globalization;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>One ticket as the attendee list shows it: its current holder, type and where it stands.</summary>
public sealed record AttendeeRow
{
    public long TicketId { get; init; }
    public string HolderName { get; init; } = "";
    public string BadgeName { get; init; } = "";
    public string Email { get; init; } = "";
    public long TicketTypeId { get; init; }
    public string TypeName { get; init; } = "";
    public string Status { get; init; } = "";
    public bool Transferred { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? CheckedInAt { get; init; }

    public string State => AttendeeStates.Of(Status, CheckedInAt);
}

public sealed record AttendeePage(IReadOnlyList<AttendeeRow> Rows, int Total, int Page, int PageCount);

/// <summary>
/// The organisers' list of tickets and the desk's name search. SQL narrows by event, type and state; the text match
/// runs here on the narrowed rows (see <see cref="AttendeeRules.Fold"/>): one statement whatever the page.
/// </summary>
public sealed class AttendeeList(Db db)
{
    public async Task<IReadOnlyList<AttendeeRow>> QueryAsync(long eventId, AttendeeFilter f, CancellationToken ct = default)
    {
        var rows = await ReadAsync(eventId, f.Type, f.State, ct);
        if (f.Q is null) return rows;
        var q = AttendeeRules.Fold(f.Q);
        return rows.Where(r => AttendeeRules.Matches(r, q)).ToList();
    }

    public async Task<AttendeePage> PageAsync(long eventId, AttendeeFilter f, int page, CancellationToken ct = default)
    {
        var all = await QueryAsync(eventId, f, ct);
        var pageCount = Math.Max(1, (all.Count + AttendeeRules.PageSize - 1) / AttendeeRules.PageSize);
        var rows = all.Skip((page - 1) * AttendeeRules.PageSize).Take(AttendeeRules.PageSize).ToList();
        return new(rows, all.Count, page, pageCount);
    }

    /// <summary>Valid tickets whose holder the desk is looking for, at most one more than the desk shows (so it can say "more").</summary>
    public async Task<IReadOnlyList<AttendeeRow>> DeskSearchAsync(long eventId, string query, CancellationToken ct = default)
    {
        var q = AttendeeRules.Fold(query);
        var rows = await ReadAsync(eventId, null, "valid-any", ct);
        return rows.Where(r => AttendeeRules.MatchesAtDesk(r, q)).Take(AttendeeRules.DeskMaxMatches + 1).ToList();
    }

    private async Task<IReadOnlyList<AttendeeRow>> ReadAsync(long eventId, long? type, string? state, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<AttendeeRow>("""
            SELECT t.id AS ticket_id, u.display_name AS holder_name, t.badge_name, u.email, t.ticket_type_id, tt.name AS type_name, t.status,
                   EXISTS (SELECT 1 FROM ticket_holder_changes h WHERE h.ticket_id = t.id) AS transferred,
                   t.created_at AS registered_at, t.checked_in_at
            FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id JOIN users u ON u.id = t.holder_user_id
            WHERE t.event_id = @eventId
              AND (@type IS NULL OR t.ticket_type_id = @type)
              AND (@state IS NULL
                   OR (@state = 'valid' AND t.status = 'valid' AND t.checked_in_at IS NULL)
                   OR (@state = 'valid-any' AND t.status = 'valid')
                   OR (@state = 'checked_in' AND t.status = 'valid' AND t.checked_in_at IS NOT NULL)
                   OR (@state IN ('pending', 'cancelled', 'revoked') AND t.status = @state)
                   OR (@state = 'transferred' AND EXISTS (SELECT 1 FROM ticket_holder_changes h WHERE h.ticket_id = t.id)))
            """, new { eventId, type, state });
        // By name as people read it (accents and case aside), then by ticket, so namesakes keep one order across pages.
        return rows.OrderBy(r => AttendeeRules.Fold(r.HolderName), StringComparer.Ordinal).ThenBy(r => r.TicketId).ToList();
    }

    /// <summary>The list as a spreadsheet opens it safely (see <see cref="CsvText"/>), times in the event's zone.</summary>
    public static byte[] Csv(IEnumerable<AttendeeRow> rows, TimeZoneInfo zone)
    {
        var sb = new StringBuilder();
        CsvText.AppendRow(sb, ["ticket_id", "holder_name", "badge_name", "email", "ticket_type", "state", "transferred", "registered_at", "checked_in_at"]);
        foreach (var r in rows)
        {
            string[] cells =
            [
                r.TicketId.ToString(CultureInfo.InvariantCulture), r.HolderName, r.BadgeName, r.Email, r.TypeName, r.State,
                r.Transferred ? "yes" : "no", Local(r.RegisteredAt, zone), r.CheckedInAt is { } at ? Local(at, zone) : "",
            ];
            CsvText.AppendRow(sb, cells);
        }
        return CsvText.Utf8WithBom(sb);
    }

    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
