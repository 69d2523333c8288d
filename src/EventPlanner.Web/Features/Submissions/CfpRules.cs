using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>What makes CfP settings, session types, questions and access codes valid.</summary>
public static class CfpRules
{
    public const int MaxIntro = 20_000;
    public const int MaxTypeName = 60;
    public const int MaxDurations = 8;
    public const int MaxPrompt = 300;
    public const int MaxHelp = 1_000;
    public const int MaxOptions = 30;
    public const int MaxOption = 100;
    public const int MaxCode = 40;

    public static CfpSettingsValues? Validate(CfpSettingsInput input, TimeZoneInfo zone, Validator v)
    {
        var opens = LocalTime(v, "opensAt", input.OpensAt, zone, "Opening time", required: true);
        var closes = LocalTime(v, "closesAt", input.ClosesAt, zone, "Closing time", required: true);
        var intro = v.Optional("intro", input.Intro, MaxIntro, "Call for papers text");
        if (opens is { } o && closes is { } c && c <= o) v.Add("closesAt", "The call for papers must close after it opens.");
        return v.HasErrors ? null : new CfpSettingsValues(opens!.Value, closes!.Value, intro);
    }

    public static SessionTypeValues? Validate(SessionTypeInput input, TimeZoneInfo zone, Validator v)
    {
        var name = v.Required("name", input.Name, MaxTypeName, "Name");
        var durations = (input.Durations ?? []).Distinct().Order().ToList();
        if (durations.Count == 0) v.Add("durations", "Give at least one allowed duration in minutes.");
        else if (durations.Count > MaxDurations) v.Add("durations", $"Give at most {MaxDurations} durations.");
        else if (durations.Any(d => d is < 5 or > 480)) v.Add("durations", "Durations must be between 5 and 480 minutes.");
        var closes = LocalTime(v, "closesAt", input.ClosesAt, zone, "Own deadline", required: false);
        var max = v.Range("maxSpeakers", input.MaxSpeakers ?? 2, 1, 20, "Speakers per proposal");
        return v.HasErrors ? null : new SessionTypeValues(name!, durations, closes, input.AcceptsLate ?? false,
            input.IsHidden ?? false, input.IsEnabled ?? true, max, input.SortOrder ?? 0);
    }

    public static QuestionValues? Validate(QuestionInput input, Validator v)
    {
        var target = input.Target?.Trim().ToLowerInvariant() ?? QuestionTargets.Proposal;
        if (target is not (QuestionTargets.Proposal or QuestionTargets.Speaker)) v.Add("target", "Ask the question about the 'proposal' or the 'speaker'.");
        var kind = input.Kind?.Trim().ToLowerInvariant() ?? "";
        if (!QuestionKinds.All.Contains(kind)) v.Add("kind", $"Kind must be one of: {string.Join(", ", QuestionKinds.All)}.");
        var prompt = v.Required("prompt", input.Prompt, MaxPrompt, "Question");
        var help = v.Optional("help", input.Help, MaxHelp, "Help text");
        var options = v.TextList("options", input.Options, MaxOption, "options").Distinct().ToList();
        if (QuestionKinds.HasOptions(kind))
        {
            if (options.Count < 2) v.Add("options", "A choice question needs at least two options.");
            if (options.Count > MaxOptions) v.Add("options", $"Give at most {MaxOptions} options.");
            if (options.Any(o => o.Length > MaxOption)) v.Add("options", $"Each option must be at most {MaxOption} characters.");
        }
        else options = [];
        return v.HasErrors ? null : new QuestionValues(target, kind, prompt!, help, options, input.IsRequired ?? false,
            (input.TrackIds ?? []).Distinct().ToList(), (input.SessionTypeIds ?? []).Distinct().ToList(), input.SortOrder ?? 0, input.IsActive ?? true);
    }

    public static AccessCodeValues? Validate(AccessCodeInput input, TimeZoneInfo zone, Validator v)
    {
        var code = v.Required("code", input.Code, MaxCode, "Code");
        if (code is not null && code.Length < 6) v.Add("code", "A code needs at least 6 characters, so it cannot be guessed easily.");
        if (code is not null && code.Any(char.IsWhiteSpace)) v.Add("code", "A code cannot contain spaces.");
        var description = v.Optional("description", input.Description, 300, "Description");
        var expires = LocalTime(v, "expiresAt", input.ExpiresAt, zone, "Expiry", required: false);
        if (input.MaxUses is { } m && (m < 1 || m > 10_000)) v.Add("maxUses", "Uses must be between 1 and 10000 (or empty for no limit).");
        return v.HasErrors ? null : new AccessCodeValues(code!, description, input.SessionTypeId, expires, input.MaxUses);
    }

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public static DateTimeOffset? LocalTime(Validator v, string field, string? text, TimeZoneInfo zone, string label, bool required) =>
        v.LocalDateTime(field, text, zone, label, required);
}

public static class SessionTypeRules
{
    public static IReadOnlyList<int> ParseDurations(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var n) ? n : -1).Where(n => n > 0).Distinct().Order().ToList();

    public static readonly (string Name, int[] Durations, int MaxSpeakers)[] Defaults =
    [
        ("Talk", [25, 40], 2), ("Keynote", [45], 1), ("Tutorial", [90], 3), ("Workshop", [120, 180], 4),
        ("BoF", [45], 3), ("Lightning talk", [5], 1),
    ];
}
