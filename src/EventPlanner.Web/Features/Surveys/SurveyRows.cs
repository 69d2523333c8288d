namespace EventPlanner.Web.Features.Surveys;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.

public sealed record SurveyRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Title { get; init; } = "";
    public string Intro { get; init; } = "";
    public string State { get; init; } = SurveyStates.Draft;
    public string Audience { get; init; } = SurveyAudiences.All;
    public bool Linked { get; init; }
    public int Invited { get; init; }
    public int Responded { get; init; }
}

public sealed record SurveyQuestionRow
{
    public long Id { get; init; }
    public long SurveyId { get; init; }
    public int Position { get; init; }
    public string Kind { get; init; } = "";
    public string Prompt { get; init; } = "";
    public bool Required { get; init; }
    public string Options { get; init; } = "[]";

    public IReadOnlyList<string> OptionList => System.Text.Json.JsonSerializer.Deserialize<List<string>>(Options) ?? [];
}

public sealed record SurveyInvitationRow
{
    public long Id { get; init; }
    public long SurveyId { get; init; }
    public long UserId { get; init; }
    public string Token { get; init; } = "";
    public bool Answered { get; init; }
}

/// <summary>One answer row as results read it; Respondent is filled only for a linked survey.</summary>
public sealed record SurveyAnswerRow
{
    public long ResponseId { get; init; }
    public long QuestionId { get; init; }
    public int? Choice { get; init; }
    public int? Scale { get; init; }
    public string? Text { get; init; }
    public string? Respondent { get; init; }
}

public static class SurveyStates
{
    public const string Draft = "draft", Open = "open", Closed = "closed";
}

public static class SurveyAudiences
{
    public const string All = "all", CheckedIn = "checked_in";
}

public static class SurveyKinds
{
    public const string Single = "single", Multiple = "multiple", Scale = "scale", Text = "text";
    public static readonly string[] AllKinds = [Single, Multiple, Scale, Text];

    public static string Label(string kind) => kind switch
    {
        Single => "Single choice",
        Multiple => "Multiple choice",
        Scale => "Scale 1–5",
        Text => "Free text",
        _ => kind,
    };
}
