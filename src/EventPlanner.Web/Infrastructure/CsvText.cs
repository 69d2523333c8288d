using System.Text;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// CSV as spreadsheets open it safely: UTF-8 with a byte-order mark (so "Zoë" stays "Zoë" in Excel), CRLF rows, and
/// every cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) defused with a leading apostrophe.
/// </summary>
public static class CsvText
{
    public static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static void AppendRow(StringBuilder sb, IEnumerable<string?> cells) => sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    public static byte[] Utf8WithBom(StringBuilder sb) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
}
