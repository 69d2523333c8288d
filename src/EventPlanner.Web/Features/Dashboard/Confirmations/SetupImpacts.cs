using System.Data;
using System.Globalization;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What removing a piece of set-up touches (a check-in volunteer, an access code, a BoF slot), in words, from the counts
/// each owning feature reads of its own tables. Null: no such thing in this event.
/// </summary>
public sealed class SetupImpacts(Db db)
{
    private const string NoSchedule = "Nothing on the public schedule changes.";

    public Task<Impact?> CheckInStaffAsync(long eventId, long userId, CancellationToken ct = default) =>
        db.ReadAsync(c => CheckInStaffAsync(c, null, eventId, userId), ct);

    public static async Task<Impact?> CheckInStaffAsync(IDbConnection c, IDbTransaction? tx, long eventId, long userId)
    {
        var (name, checkIns, others) = await TicketImpact.CheckInStaffAsync(c, tx, eventId, userId);
        if (name is null) return null;
        return new Impact(name, [
            new("access", 1, $"{name} can no longer open the check-in desk of this event."),
            new("check-ins", checkIns, $"{N(checkIns, "check-in", "check-ins")} they recorded {(checkIns == 1 ? "stays" : "stay")} recorded."),
            new("other-staff", others, $"{N(others, "other volunteer remains", "other volunteers remain")} at the desk."),
        ], NoSchedule);
    }

    public Task<Impact?> AccessCodeAsync(long eventId, long codeId, CancellationToken ct = default) =>
        db.ReadAsync(c => AccessCodeAsync(c, null, eventId, codeId), ct);

    public static async Task<Impact?> AccessCodeAsync(IDbConnection c, IDbTransaction? tx, long eventId, long codeId)
    {
        var (code, drafts, submitted) = await SubmissionImpact.AccessCodeAsync(c, tx, eventId, codeId);
        if (code is null) return null;
        return new Impact($"the access code {code}", [
            new("drafts", drafts, $"{N(drafts, "draft carries", "drafts carry")} it: once the call for papers closes they can no longer be submitted with it."),
            new("submitted", submitted, $"{N(submitted, "proposal was", "proposals were")} submitted with it; {(submitted == 1 ? "it stays" : "they stay")} submitted."),
        ], NoSchedule);
    }

    public Task<Impact?> BofSlotAsync(long eventId, long slotId, CancellationToken ct = default) =>
        db.ReadAsync(c => BofSlotAsync(c, null, eventId, slotId), ct);

    public static async Task<Impact?> BofSlotAsync(IDbConnection c, IDbTransaction? tx, long eventId, long slotId)
    {
        var (when, bookedBy, waiting) = await BofImpact.SlotAsync(c, tx, eventId, slotId);
        if (when is null) return null;
        return new Impact($"the BoF slot {when}", [
            new("booked", bookedBy is null ? 0 : 1, bookedBy is null ? "No BoF is booked into it." : $"\"{bookedBy}\" is booked into it."),
            new("waiting", waiting, $"{N(waiting, "proposed BoF is", "proposed BoFs are")} still waiting for a slot and will have one fewer to choose from."),
        ], "The BoF page stops offering the slot at once; the public schedule does not show free slots.",
            bookedBy is null ? null : "A booked slot cannot be removed: move or cancel the BoF on the BoF page first, so the people interested are told.");
    }

    public Task<Impact?> DroppedDaysAsync(long eventId, TimeZoneInfo zone, DateOnly starts, DateOnly ends, CancellationToken ct = default) =>
        db.ReadAsync(c => DroppedDaysAsync(c, null, eventId, zone, starts, ends), ct);

    /// <summary>
    /// What moving the event's dates to <paramref name="starts"/>–<paramref name="ends"/> removes: the days it has now
    /// outside that range, and what lies on them. Null: no day is removed. Nothing on those days is deleted (sessions keep
    /// their times, set-up stays recorded), so a day holding what was published and told (a booked BoF, an approved
    /// community block, a lightning or community session) is refused until that is moved or cancelled first.
    /// </summary>
    public static async Task<Impact?> DroppedDaysAsync(IDbConnection c, IDbTransaction? tx, long eventId, TimeZoneInfo zone, DateOnly starts, DateOnly ends)
    {
        var dropped = (await EventImpact.DaysAsync(c, tx, eventId)).Where(d => d < starts || d > ends).ToList();
        if (dropped.Count == 0) return null;
        int programme = 0, live = 0, slots = 0, hours = 0, free = 0, booked = 0, approved = 0, open = 0;
        foreach (var day in dropped)
        {
            var (from, to) = (Midnight(day, zone), Midnight(day.AddDays(1), zone));
            var s = await ScheduleCounts.OnDayAsync(c, tx, eventId, day, from, to);
            var b = await BofCounts.OnDayAsync(c, tx, eventId, day);
            var k = await CommunityCounts.OnDayAsync(c, tx, eventId, from, to);
            (programme, live, slots, hours) = (programme + s.Programme, live + s.Live, slots + s.GridSlots, hours + s.RoomHours);
            (free, booked, approved, open) = (free + b.FreeSlots, booked + b.Booked, approved + k.Approved, open + k.Open);
        }
        var days = string.Join(", ", dropped.Select(d => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)));
        return new Impact(days, [
            new("days", dropped.Count, $"{N(dropped.Count, "day is", "days are")} removed: {days}."),
            new("programme", programme, $"{N(programme, "scheduled session is", "scheduled sessions are")} on {(dropped.Count == 1 ? "it" : "them")}: " +
                "they keep their times, outside the event's days, until you move them on the grid."),
            new("live", live, $"{N(live, "BoF, community or lightning session is", "BoF, community or lightning sessions are")} on {(dropped.Count == 1 ? "it" : "them")}."),
            new("grid-slots", slots, $"{N(slots, "grid slot and", "grid slots and")} {N(hours, "room's opening hours stay", "rooms' opening hours stay")} recorded for {(dropped.Count == 1 ? "that day" : "those days")}, unused."),
            new("bof-slots", free, $"{N(free, "free BoF slot is", "free BoF slots are")} on {(dropped.Count == 1 ? "it" : "them")}."),
            new("booked-bofs", booked, $"{N(booked, "booked BoF is", "booked BoFs are")} on {(dropped.Count == 1 ? "it" : "them")}."),
            new("community-blocks", approved, $"{N(approved, "approved community block is", "approved community blocks are")} on {(dropped.Count == 1 ? "it" : "them")}."),
            new("community-requests", open, $"{N(open, "open community room request asks", "open community room requests ask")} for {(dropped.Count == 1 ? "it" : "them")}."),
        ], "The public schedule does not change until your next release; the event's public page shows the new dates at once.",
            live > 0 || booked > 0 || approved > 0
                ? "BoFs, community blocks and lightning sessions are published the moment they are booked, and their hosts were told: move or cancel them on their own pages first."
                : null);
    }

    // The first instant of a local date in the event's zone (a day whose midnight is skipped by a clock change starts an hour later).
    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
