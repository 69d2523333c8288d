using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Bofs;
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

    public async Task<Impact?> CheckInStaffAsync(long eventId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await CheckInStaffAsync(c, null, eventId, userId);
    }

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

    public async Task<Impact?> AccessCodeAsync(long eventId, long codeId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await AccessCodeAsync(c, null, eventId, codeId);
    }

    public static async Task<Impact?> AccessCodeAsync(IDbConnection c, IDbTransaction? tx, long eventId, long codeId)
    {
        var (code, drafts, submitted) = await SubmissionImpact.AccessCodeAsync(c, tx, eventId, codeId);
        if (code is null) return null;
        return new Impact($"the access code {code}", [
            new("drafts", drafts, $"{N(drafts, "draft carries", "drafts carry")} it: once the call for papers closes they can no longer be submitted with it."),
            new("submitted", submitted, $"{N(submitted, "proposal was", "proposals were")} submitted with it; {(submitted == 1 ? "it stays" : "they stay")} submitted."),
        ], NoSchedule);
    }

    public async Task<Impact?> BofSlotAsync(long eventId, long slotId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await BofSlotAsync(c, null, eventId, slotId);
    }

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
}
