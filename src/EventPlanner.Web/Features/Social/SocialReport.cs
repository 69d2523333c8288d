using System.Globalization;
using System.Text;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// What organisers (and the venue) need from the replies: totals, people per dietary need, and a CSV of everyone
/// coming. Dietary and accessibility needs appear here and to the invitee only.
/// </summary>
public static class SocialReport
{
    public static SocialTotals Totals(SocialEventRow s, IReadOnlyList<SocialInvitationRow> rows)
    {
        var coming = rows.Where(r => r.State == SocialStates.Attending).ToList();
        var waiting = rows.Where(r => r.State == SocialStates.Waiting).ToList();
        return new SocialTotals(rows.Count, coming.Count, coming.Sum(r => r.Guests), coming.Sum(r => r.People), waiting.Count, waiting.Sum(r => r.People),
            rows.Count(r => r.State == SocialStates.Declined), rows.Count(r => r.State == SocialStates.Invited), s.Capacity, s.Free);
    }

    /// <summary>Needs of those coming, one line per need (case and a trailing full stop do not split one), most people first.</summary>
    public static IReadOnlyList<SocialNeedCount> Dietary(IReadOnlyList<SocialInvitationRow> rows) =>
        rows.Where(r => r.State == SocialStates.Attending && r.Dietary.Length > 0)
            .GroupBy(r => SocialRules.NeedKey(r.Dietary))
            .Select(g => new SocialNeedCount(g.First().Dietary, g.Count(), g.Sum(r => r.People)))
            .OrderByDescending(n => n.People).ThenBy(n => n.Need, StringComparer.OrdinalIgnoreCase).ToList();

    public static SocialGuestResponse AsGuest(this SocialInvitationRow r, int? position) =>
        new(r.Id, r.Name, r.Email, r.State, r.Guests, r.Dietary, r.Accessibility, position, r.RespondedAt);

    /// <summary>
    /// UTF-8 with a byte-order mark (so spreadsheets keep "Zoë" and "素食" intact), CRLF rows, and every cell that a
    /// spreadsheet would run as a formula (=, +, -, @, tab, CR) defused with a leading apostrophe.
    /// </summary>
    public static byte[] Csv(IReadOnlyList<(SocialInvitationRow Row, int? Position)> rows)
    {
        var sb = new StringBuilder();
        sb.Append("name,email,reply,guests,people,dietary_needs,accessibility_needs,waiting_position\r\n");
        foreach (var (r, position) in rows)
        {
            string[] cells =
            [
                r.Name, r.Email, SocialStates.Label(r.State), r.Guests.ToString(CultureInfo.InvariantCulture),
                r.State is SocialStates.Attending or SocialStates.Waiting ? r.People.ToString(CultureInfo.InvariantCulture) : "0",
                r.Dietary, r.Accessibility, position?.ToString(CultureInfo.InvariantCulture) ?? "",
            ];
            CsvText.AppendRow(sb, cells);
        }
        return CsvText.Utf8WithBom(sb);
    }
}
