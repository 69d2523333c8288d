using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>
/// The public grid as a table whose cells span a session's length: one row per moment something starts or ends that
/// day, and each session's cell spans the rows until it ends (<c>rowspan</c>), so a room is never shown free while a
/// talk still runs in it. A table, not CSS grid, so screen readers announce room and time for each cell.
/// Sessions that overlap in one room (a released schedule should have none) share one cell rather than break the table.
/// </summary>
public sealed class PublicGridLayout
{
    public sealed record Cell(int RowSpan, IReadOnlyList<SnapSession> Sessions);

    /// <summary>Where each row starts.</summary>
    public IReadOnlyList<DateTimeOffset> Rows { get; }

    /// <summary>Per row, per room (in the rooms' order): a cell to draw, or null where a cell above still spans.</summary>
    public IReadOnlyList<IReadOnlyList<Cell?>> Cells { get; }

    private PublicGridLayout(IReadOnlyList<DateTimeOffset> rows, IReadOnlyList<IReadOnlyList<Cell?>> cells) => (Rows, Cells) = (rows, cells);

    public static PublicGridLayout Build(IReadOnlyList<SnapSession> sessions, IReadOnlyList<long> roomIds)
    {
        var shown = sessions.Where(s => roomIds.Contains(s.RoomId)).ToList();
        var bounds = shown.SelectMany(s => new[] { s.StartsAt, s.EndsAt }).Distinct().Order().ToList();
        var rows = bounds.Count > 1 ? bounds.Take(bounds.Count - 1).ToList() : bounds;
        var index = bounds.Select((at, i) => (at, i)).ToDictionary(x => x.at, x => x.i);

        var grid = rows.Select(_ => roomIds.Select(_ => new Cell(1, [])).ToArray<Cell?>()).ToArray();
        for (var c = 0; c < roomIds.Count; c++)
        {
            // Chains of overlapping sessions in this room become one cell from the first start to the last end.
            var chains = new List<(int From, int To, List<SnapSession> Sessions)>();
            foreach (var s in shown.Where(s => s.RoomId == roomIds[c]).OrderBy(s => s.StartsAt).ThenBy(s => s.Title, StringComparer.Ordinal))
            {
                var (from, to) = (index[s.StartsAt], Math.Max(index[s.EndsAt], index[s.StartsAt] + 1));
                if (chains.Count > 0 && from < chains[^1].To)
                {
                    var last = chains[^1];
                    last.Sessions.Add(s);
                    chains[^1] = (last.From, Math.Max(last.To, to), last.Sessions);
                }
                else chains.Add((from, to, [s]));
            }
            foreach (var (from, to, list) in chains)
            {
                var end = Math.Min(to, rows.Count);
                grid[from][c] = new Cell(end - from, list);
                for (var r = from + 1; r < end; r++) grid[r][c] = null;
            }
        }
        return new PublicGridLayout(rows, grid);
    }
}
