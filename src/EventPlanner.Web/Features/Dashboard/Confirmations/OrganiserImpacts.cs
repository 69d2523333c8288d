using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What the organisers' destructive actions on the manage pages touch (tracks, team roles, schedule sessions, grid slots),
/// in words, from the counts each owning feature reads of its own tables (<c>*Impact</c> there). Each takes a
/// connection and transaction, so the confirming post recounts inside the write it guards. Null: no such thing in this event.
/// </summary>
public sealed class OrganiserImpacts(Db db)
{
    private const string AtRelease = "The public schedule does not change until your next release.";

    public Task<Impact?> TrackAsync(long eventId, long trackId, CancellationToken ct = default) =>
        db.ReadAsync(c => TrackAsync(c, null, eventId, trackId), ct);

    public static async Task<Impact?> TrackAsync(IDbConnection c, IDbTransaction? tx, long eventId, long trackId)
    {
        if (await EventImpact.TrackNameAsync(c, tx, eventId, trackId) is not { } name) return null;
        var sessions = await ScheduleImpact.SessionsInTrackAsync(c, tx, eventId, trackId);
        var proposals = await SubmissionImpact.ProposalsInTrackAsync(c, tx, eventId, trackId);
        var groups = await CommunityImpact.GroupsInTrackAsync(c, tx, eventId, trackId);
        var soleTeams = await ReviewImpact.TeamsLimitedToTrackAsync(c, tx, eventId, trackId);
        return new Impact(name, [
            new("sessions", sessions, $"{N(sessions, "scheduled session loses", "scheduled sessions lose")} this track."),
            new("proposals", proposals, $"{N(proposals, "proposal loses", "proposals lose")} this track among its chosen tracks."),
            new("community-groups", groups, $"{N(groups, "community group loses", "community groups lose")} its own track."),
            new("review-teams", soleTeams.Count, $"{N(soleTeams.Count, "review team is", "review teams are")} limited to this track alone{(soleTeams.Count > 0 ? $" ({string.Join(", ", soleTeams)})" : "")}."),
        ], AtRelease, soleTeams.Count > 0 ? "Change or remove the review teams' limit to this track on the review set-up page first." : null);
    }

    public Task<Impact?> TeamRoleAsync(long eventId, long userId, string role, CancellationToken ct = default) =>
        db.ReadAsync(c => TeamRoleAsync(c, null, eventId, userId, role), ct);

    public static async Task<Impact?> TeamRoleAsync(IDbConnection c, IDbTransaction? tx, long eventId, long userId, string role)
    {
        var (name, otherOrganisers) = await EventImpact.RoleAsync(c, tx, eventId, userId, role);
        if (name is null) return null;
        var organiser = role == EventRoles.Organiser;
        ImpactLine access = organiser
            ? new("access", 1, $"{name} can no longer open this event's manage pages, schedule, releases or mail (any other role they hold stays).")
            : new("access", 1, $"{name} can no longer read or review this event's proposals (any other role they hold stays).");
        IReadOnlyList<ImpactLine> lines;
        if (organiser)
        {
            lines = [access, new("other-organisers", otherOrganisers, $"{N(otherOrganisers, "other organiser remains", "other organisers remain")}.")];
        }
        else
        {
            var (assigned, teams) = await ReviewImpact.ReviewerAsync(c, tx, eventId, userId);
            lines = [access,
                new("open-assignments", assigned, $"{N(assigned, "proposal assigned to them is", "proposals assigned to them are")} not yet reviewed by them; their reviews written so far stay."),
                new("review-teams", teams, $"They stay listed in {N(teams, "review team", "review teams")} until you change the teams.")];
        }
        return new Impact($"{name} as {role}", lines, "Nothing on the public schedule changes.",
            organiser && otherOrganisers == 0 ? "An event needs at least one organiser; add another before removing this one." : null);
    }

    public Task<Impact?> SessionAsync(long eventId, long sessionId, CancellationToken ct = default) =>
        db.ReadAsync(c => SessionAsync(c, null, eventId, sessionId), ct);

    public static async Task<Impact?> SessionAsync(IDbConnection c, IDbTransaction? tx, long eventId, long sessionId)
    {
        if (await ScheduleImpact.SessionAsync(c, tx, eventId, sessionId) is not { } s) return null;
        return new Impact(s.Title, [
            new("speakers", s.Speakers.Count, s.Speakers.Count == 0 ? "No speakers are on it." :
                $"{N(s.Speakers.Count, "speaker loses", "speakers lose")} this session: {string.Join(", ", s.Speakers)}."),
            new("stars", s.Stars, $"{N(s.Stars, "attendee starred", "attendees starred")} it for their agenda."),
            new("released", s.Released ? 1 : 0, s.Released ? "It is in a released schedule." : "It has never been in a released schedule."),
        ], s.Released
            ? "It is on the public schedule, which changes only at your next release."
            : "The public schedule does not change: it never showed this session. It leaves the organisers' grid at once.",
            s.Released ? "A session that has been in a released schedule cannot be deleted; cancel it instead, so attendees are told at the next release." : null);
    }

    public Task<Impact?> SlotAsync(EventRow e, long slotId, CancellationToken ct = default) =>
        db.ReadAsync(c => SlotAsync(c, null, e, slotId), ct);

    public static async Task<Impact?> SlotAsync(IDbConnection c, IDbTransaction? tx, EventRow e, long slotId)
    {
        if (await ScheduleImpact.SlotAsync(c, tx, e.Id, slotId) is not { } slot) return null;
        // Slots are in the event's own time; sessions are stored in UTC.
        var inside = slot.SessionStarts.Count(t =>
        {
            var local = TimeZoneInfo.ConvertTime(t, e.Zone).DateTime;
            var hm = local.ToString("HH:mm");
            return local.ToString("yyyy-MM-dd") == slot.Date && string.CompareOrdinal(hm, slot.Starts[..5]) >= 0 && string.CompareOrdinal(hm, slot.Ends[..5]) < 0;
        });
        return new Impact($"the slot {slot.Date} {slot.Starts[..5]}–{slot.Ends[..5]}{(slot.Room is null ? " (every room)" : $" in {slot.Room}")}", [
            new("sessions", inside, $"{N(inside, "session starts", "sessions start")} inside this slot: {(inside == 1 ? "it keeps its" : "they keep their")} place; only the slot's frame leaves the organisers' grid."),
        ], "The public schedule does not show slots and does not change.");
    }
}
