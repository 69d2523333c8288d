using System.Text.Json;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Scheduling;

namespace EventPlanner.Web.Features.Schedule.Suggestions;

/// <summary>The soft objectives' weights as the API takes them: every field optional (a missing one keeps its default).</summary>
public sealed record SuggestionWeightsInput(
    int? PopularPairs = null, int? TrackRoom = null, int? TrackConsecutive = null, int? PreferredTimes = null, int? KeynotesAlone = null, int? Moves = null);

/// <summary>
/// The soft objectives' weights as organisers set them, 0 (ignore) to 100. The defaults give the solver the weights it
/// had before they were on the page; <see cref="ToSolver"/> is the one place that maps the page's scale to the model's.
/// </summary>
public sealed record SuggestionWeights(int PopularPairs, int TrackRoom, int TrackConsecutive, int PreferredTimes, int KeynotesAlone, int Moves)
{
    public const int Max = 100;
    /// <summary>A keynote beside other sessions costs ten times its page weight: the default 50 is the model's 500.</summary>
    public const int KeynoteScale = 10;

    // The consecutive-slots term is off by default until it is measured at scale on an idle machine (see the Scheduling README).
    public static readonly SuggestionWeights Defaults = new(1, 50, 0, 20, 50, 30);

    /// <summary>Field name, label and value, in the order the page shows them.</summary>
    public IEnumerable<(string Field, string Label, int Value)> Fields() =>
    [
        ("popularPairs", "Popular sessions apart (per attendee who starred both)", PopularPairs),
        ("trackRoom", "A track in one room (per extra room)", TrackRoom),
        ("trackConsecutive", "A track in consecutive slots (per idle quarter hour)", TrackConsecutive),
        ("preferredTimes", "Speakers' preferred times (per session outside them)", PreferredTimes),
        ("keynotesAlone", "Keynotes alone in their slot (per keynote, counted ten-fold)", KeynotesAlone),
        ("moves", "Few moves from the current draft (per session moved)", Moves),
    ];

    public static SuggestionWeights Validate(SuggestionWeightsInput? input, Validator v)
    {
        var d = Defaults;
        int One(string field, int? value, int fallback, string label) => v.Range($"weights.{field}", value ?? fallback, 0, Max, label);
        return new SuggestionWeights(
            One("popularPairs", input?.PopularPairs, d.PopularPairs, "The weight for popular sessions apart"),
            One("trackRoom", input?.TrackRoom, d.TrackRoom, "The weight for a track in one room"),
            One("trackConsecutive", input?.TrackConsecutive, d.TrackConsecutive, "The weight for a track in consecutive slots"),
            One("preferredTimes", input?.PreferredTimes, d.PreferredTimes, "The weight for speakers' preferred times"),
            One("keynotesAlone", input?.KeynotesAlone, d.KeynotesAlone, "The weight for keynotes alone"),
            One("moves", input?.Moves, d.Moves, "The weight for few moves from the draft"));
    }

    public Weights ToSolver() => new(
        PopularClash: PopularPairs, TrackRoom: TrackRoom, PreferredTime: PreferredTimes,
        KeynoteNotAlone: KeynotesAlone * KeynoteScale, Move: Moves, TrackGap: TrackConsecutive);

    public string ToJson() => JsonSerializer.Serialize(this, ScheduleJson.Options);

    /// <summary>Runs stored before the weights were (no column value) ran with the defaults.</summary>
    public static SuggestionWeights FromJson(string? json) =>
        json is null ? Defaults : JsonSerializer.Deserialize<SuggestionWeights>(json, ScheduleJson.Options) ?? Defaults;
}
