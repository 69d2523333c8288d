namespace EventPlanner.Web.Features.Feedback;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.

/// <summary>A rating from 1 to 5 and an optional comment the speaker will read (without your name).</summary>
public sealed record FeedbackInput(int? Rating, string? Comment);

/// <summary>Online events: a valid ticket is enough to rate (there is no door to check in at).</summary>
public sealed record FeedbackSettingsInput(bool? IsRemote);

// Responses.
public sealed record FeedbackSettingsResponse(bool IsRemote, DateTimeOffset ClosesAt, DateTimeOffset? DigestSentAt);

/// <summary>Your own rating of a session, and whether you may (still) give or change it.</summary>
public sealed record MyFeedbackResponse(long SessionId, string Title, int? Rating, string Comment, bool CanRate, string? Reason, DateTimeOffset ClosesAt);

/// <summary>One session's ratings: <c>Distribution[0]</c> counts 1 star, <c>[4]</c> 5 stars. Comments carry no name.</summary>
public sealed record FeedbackSessionSummary(long SessionId, string Title, string? Track, IReadOnlyList<string> Speakers, int Count, double? Mean,
    IReadOnlyList<int> Distribution, IReadOnlyList<string> Comments);

public sealed record FeedbackRank(int Place, long SessionId, string Title, double Mean, int Count);

public sealed record FeedbackTrackRanking(string Track, IReadOnlyList<FeedbackRank> Sessions);

/// <summary>What organisers see: every session and a ranking per track, at any time.</summary>
public sealed record FeedbackReportResponse(DateTimeOffset ClosesAt, bool IsClosed, int Ratings, IReadOnlyList<FeedbackSessionSummary> Sessions,
    IReadOnlyList<FeedbackTrackRanking> Ranking);

/// <summary>What a speaker sees of their own sessions: nothing until feedback closes.</summary>
public sealed record SpeakerFeedbackResponse(DateTimeOffset ClosesAt, bool IsClosed, IReadOnlyList<FeedbackSessionSummary> Sessions);
