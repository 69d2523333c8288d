using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Pages.Schedule;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>Issue 14: the public grid shows each session spanning its length, so a room never looks free while a talk runs.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PublicGridLayoutTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    private static SnapSession S(long id, long room, int startMinute, int minutes) =>
        new(id, $"g{id}", "talk", $"Talk {id}", "", "", "en", null, null, null, room, $"Room {room}", Day.AddMinutes(startMinute), minutes, []);

    [Fact]
    public void An_hour_long_talk_spans_the_rows_of_two_half_hour_talks_beside_it()
    {
        var layout = PublicGridLayout.Build([S(1, 10, 0, 60), S(2, 20, 0, 30), S(3, 20, 30, 30)], [10, 20]);

        Assert.Equal([Day, Day.AddMinutes(30)], layout.Rows);
        Assert.Equal(2, layout.Cells[0][0]!.RowSpan);
        Assert.Equal(1L, layout.Cells[0][0]!.Sessions.Single().Id);
        Assert.Null(layout.Cells[1][0]); // still running: no cell that would read as a free room
        Assert.Equal(2L, layout.Cells[0][1]!.Sessions.Single().Id);
        Assert.Equal(3L, layout.Cells[1][1]!.Sessions.Single().Id);
    }

    [Fact]
    public void A_gap_in_one_room_is_an_empty_cell_and_rooms_filtered_out_add_no_rows()
    {
        var layout = PublicGridLayout.Build([S(1, 10, 0, 90), S(2, 20, 60, 30), S(9, 99, 15, 5)], [10, 20]);

        Assert.Equal([Day, Day.AddMinutes(60)], layout.Rows);
        Assert.Empty(layout.Cells[0][1]!.Sessions);
        Assert.Equal(1, layout.Cells[0][1]!.RowSpan);
        Assert.Equal(2, layout.Cells[0][0]!.RowSpan);
    }

    [Fact]
    public void Sessions_overlapping_in_one_room_share_a_cell_instead_of_breaking_the_table()
    {
        var layout = PublicGridLayout.Build([S(1, 10, 0, 60), S(2, 10, 30, 60), S(3, 20, 0, 120)], [10, 20]);

        // Per row, the cells drawn plus the rows still spanned from above cover every room exactly once.
        for (var row = 0; row < layout.Rows.Count; row++)
        {
            var covered = Enumerable.Range(0, 2).Count(c => layout.Cells[row][c] is null);
            Assert.Equal(2, layout.Cells[row].Count(c => c is not null) + covered);
        }
        Assert.Equal([1L, 2L], layout.Cells[0][0]!.Sessions.Select(s => s.Id));
        Assert.Equal(3, layout.Cells[0][0]!.RowSpan); // 0:00 to 1:30, the chain's first start to its last end
        Assert.Empty(layout.Cells[3][0]!.Sessions); // free again from 1:30
    }
}
