using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Feedback;

public sealed record FeedbackValues(int Rating, string Comment);

/// <summary>
/// When feedback may be given and what it may say; plain C#, so the rules unit-test without a host.
/// Feedback closes 7 days after the event's last day (midnight in the event's zone): late enough for everyone to
/// rate the last talk at home, and a fixed moment, so the speakers' digest goes out once with final numbers.
/// A rating may be changed for 7 days after it was first given, and never after feedback closes.
/// </summary>
public static class FeedbackRules
{
    public const int MaxComment = 2000;
    public const int DaysOpenAfterEvent = 7;
    public static readonly TimeSpan EditWindow = TimeSpan.FromDays(7);

    public static FeedbackValues? Validate(FeedbackInput input, Validator v)
    {
        var rating = v.Range("rating", input.Rating, 1, 5, "Rating");
        var comment = v.Optional("comment", input.Comment, MaxComment, "Comment");
        return v.HasErrors ? null : new FeedbackValues(rating, comment);
    }

    /// <summary>The instant feedback closes: the start of the 8th day after the event's last day, in its zone.</summary>
    public static DateTimeOffset ClosesAt(EventRow e) => ClosesAt(e.EndsOn, e.Zone);

    public static DateTimeOffset ClosesAt(DateOnly endsOn, TimeZoneInfo zone)
    {
        var local = endsOn.AddDays(DaysOpenAfterEvent + 1).ToDateTime(TimeOnly.MinValue);
        var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-1)) : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Why a rating cannot be given or changed now, or null when it can.</summary>
    public static Refusal? WhyNot(DateTimeOffset now, DateTimeOffset sessionStart, DateTimeOffset closesAt, DateTimeOffset? firstGivenAt)
    {
        if (now < sessionStart) return Refusal.Conflict("Not started yet", "You can rate a session once it has started.");
        if (now >= closesAt) return Refusal.Conflict("Feedback has closed", "Feedback for this event has closed.");
        if (firstGivenAt is { } given && now >= given + EditWindow)
            return Refusal.Conflict("Too late to change", "A rating can be changed for a week after it was given; this one can no longer change.");
        return null;
    }

    /// <summary>How many ratings of 1, 2, 3, 4 and 5 (index 0 is 1 star).</summary>
    public static int[] Distribution(IEnumerable<int> ratings)
    {
        var counts = new int[5];
        foreach (var r in ratings) if (r is >= 1 and <= 5) counts[r - 1]++;
        return counts;
    }

    public static double? Mean(IReadOnlyList<int> distribution)
    {
        var n = distribution.Sum();
        return n == 0 ? null : Math.Round(distribution.Select((c, i) => c * (i + 1)).Sum() / (double)n, 2);
    }

    /// <summary>Per track (sessions without one together, last), rated sessions by mean, then by more ratings, then title.</summary>
    public static IReadOnlyList<FeedbackTrackRanking> Rank(IEnumerable<FeedbackSessionSummary> sessions) =>
        sessions.Where(s => s.Count > 0)
            .GroupBy(s => s.Track ?? "")
            .OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FeedbackTrackRanking(g.Key.Length == 0 ? "No track" : g.Key,
                g.OrderByDescending(s => s.Mean).ThenByDescending(s => s.Count).ThenBy(s => s.Title, StringComparer.OrdinalIgnoreCase)
                 .Select((s, i) => new FeedbackRank(i + 1, s.SessionId, s.Title, s.Mean!.Value, s.Count)).ToList()))
            .ToList();
}

/// <summary>Why a write was refused: the status and words for the API problem and for the page.</summary>
public sealed record Refusal(int Status, string Title, string Detail)
{
    public static Refusal Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail);
    public static Refusal Forbidden(string title, string detail) => new(StatusCodes.Status403Forbidden, title, detail);
}
