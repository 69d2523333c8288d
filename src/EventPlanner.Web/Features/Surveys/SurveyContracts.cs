namespace EventPlanner.Web.Features.Surveys;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.

/// <summary>
/// Audience: "all" (every valid ticket holder) or "checked_in". Linked: answers are shown with the respondent's name;
/// invitees are told so up front, and it cannot change once the survey has opened.
/// </summary>
public sealed record SurveyInput(string? Title, string? Intro, string? Audience, bool? Linked);

/// <summary>Kind: "single", "multiple" (both with 2–20 options), "scale" (1–5) or "text".</summary>
public sealed record SurveyQuestionInput(string? Kind, string? Prompt, bool? Required, IReadOnlyList<string?>? Options);

/// <summary>One answer: choices (option indexes from 0) for single and multiple choice, scale 1–5, or text.</summary>
public sealed record SurveyAnswerInput(long? QuestionId, IReadOnlyList<int>? Choices, int? Scale, string? Text);

public sealed record SurveyResponseInput(IReadOnlyList<SurveyAnswerInput?>? Answers);

// Responses.
public sealed record SurveyQuestionResponse(long Id, int Position, string Kind, string Prompt, bool Required, IReadOnlyList<string> Options);

public sealed record SurveyResponse(long Id, string Title, string Intro, string State, string Audience, bool Linked, int Invited, int Responded,
    IReadOnlyList<SurveyQuestionResponse> Questions);

public sealed record SurveyInviteResponse(int Invited, int Total);

/// <summary>What an invitee sees through their link: the survey and whether they may still answer.</summary>
public sealed record SurveyFormResponse(string EventName, string Title, string Intro, bool Linked, bool Open, bool Answered,
    IReadOnlyList<SurveyQuestionResponse> Questions);

public sealed record SurveyCount(string Label, int Count);

/// <summary>A free-text answer; <c>Respondent</c> only when the survey said up front that answers are linked.</summary>
public sealed record SurveyTextAnswer(string Text, string? Respondent);

public sealed record SurveyQuestionResult(long Id, string Kind, string Prompt, bool Required, int Answered, IReadOnlyList<SurveyCount> Counts,
    double? Mean, IReadOnlyList<SurveyTextAnswer> Texts);

public sealed record SurveyResultsResponse(long Id, string Title, string State, bool Linked, int Invited, int Responded, double ResponseRate,
    IReadOnlyList<SurveyQuestionResult> Questions);
