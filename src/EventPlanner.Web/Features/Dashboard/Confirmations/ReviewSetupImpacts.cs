using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Reviews;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What removing a review criterion, phase or reviewer team touches, in words, from the counts Reviews reads of its own
/// tables (<see cref="ReviewImpact"/>). Null: no such thing in this event.
/// </summary>
public sealed class ReviewSetupImpacts(Db db)
{
    private const string NoSchedule = "Nothing on the public schedule changes.";

    public Task<Impact?> CriterionAsync(long eventId, long criterionId, CancellationToken ct = default) =>
        db.ReadAsync(c => CriterionAsync(c, null, eventId, criterionId), ct);

    public static async Task<Impact?> CriterionAsync(IDbConnection c, IDbTransaction? tx, long eventId, long criterionId)
    {
        var (name, scores) = await ReviewImpact.CriterionAsync(c, tx, eventId, criterionId);
        if (name is null) return null;
        return new Impact(name, [
            new("scores", scores, $"{N(scores, "score given", "scores given")} against it {(scores == 1 ? "is" : "are")} deleted with it; the ranking's totals are worked out again without it."),
        ], NoSchedule);
    }

    public Task<Impact?> PhaseAsync(long eventId, long phaseId, CancellationToken ct = default) =>
        db.ReadAsync(c => PhaseAsync(c, null, eventId, phaseId), ct);

    public static async Task<Impact?> PhaseAsync(IDbConnection c, IDbTransaction? tx, long eventId, long phaseId)
    {
        var (name, reviews) = await ReviewImpact.PhaseAsync(c, tx, eventId, phaseId);
        if (name is null) return null;
        return new Impact(name, [
            new("reviews", reviews, $"{N(reviews, "review was", "reviews were")} written in it; {(reviews == 1 ? "it stays" : "they stay")}, no longer tied to a phase."),
        ], NoSchedule);
    }

    public Task<Impact?> TeamAsync(long eventId, long teamId, CancellationToken ct = default) =>
        db.ReadAsync(c => TeamAsync(c, null, eventId, teamId), ct);

    public static async Task<Impact?> TeamAsync(IDbConnection c, IDbTransaction? tx, long eventId, long teamId)
    {
        var (name, members, widened, phases) = await ReviewImpact.TeamAsync(c, tx, eventId, teamId);
        if (name is null) return null;
        return new Impact(name, [
            new("members", members, $"{N(members, "member leaves", "members leave")} the team; their reviewer role stays."),
            new("widened", widened, $"{N(widened, "of them is", "of them are")} in no other team and then {(widened == 1 ? "sees" : "see")} every proposal."),
            new("phases", phases, $"{N(phases, "phase is", "phases are")} limited to this team and then {(phases == 1 ? "opens" : "open")} to every reviewer."),
        ], NoSchedule);
    }
}
