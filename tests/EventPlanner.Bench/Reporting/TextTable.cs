using System.Text;

namespace EventPlanner.Bench.Reporting;

/// <summary>A plain-text table: text columns left-aligned, the rest right-aligned, widths from the content.</summary>
public sealed class TextTable(params (string Header, bool Left)[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = columns.Select((c, i) => Math.Max(c.Header.Length, _rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            var parts = columns.Select((c, i) => i < cells.Count ? (c.Left ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i])) : new string(' ', widths[i]));
            text.AppendLine(string.Join("  ", parts).TrimEnd());
        }
        Line(columns.Select(c => c.Header).ToArray());
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in _rows) Line(row);
        return text.ToString();
    }
}
