using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>An event's review set-up, loaded in one round trip for every review page and endpoint.</summary>
public sealed record ReviewContext(
    EventRow Event, ReviewSettingsRow Settings, IReadOnlyList<CriterionRow> Criteria, IReadOnlyList<PhaseRow> Phases,
    IReadOnlyList<TeamRow> Teams, IReadOnlyList<TrackRow> Tracks, IReadOnlyList<SessionTypeRow> Types)
{
    public EffectivePhase PhaseAt(DateTimeOffset now) => PhaseRules.Effective(Phases, now);

    private IReadOnlyDictionary<long, CriterionRow>? _criteriaById;

    // Asked once per review when the ranking adds up thousands of them.
    public IReadOnlyDictionary<long, CriterionRow> CriteriaById => _criteriaById ??= Criteria.ToDictionary(c => c.Id);

    public IReadOnlyList<CriterionRow> CriteriaFor(long? trackId) => Criteria.Where(c => ScoringRules.Applies(c, trackId)).ToList();

    public string TrackName(long? id) => Tracks.FirstOrDefault(t => t.Id == id)?.Name ?? "no track";

    public string TypeName(long id) => Types.FirstOrDefault(t => t.Id == id)?.Name ?? "";
}

/// <summary>Who is asking: reviewer paths filter by the user, and organisers also review (never their own proposals).</summary>
public sealed record Reviewer(long UserId, bool IsOrganiser);
