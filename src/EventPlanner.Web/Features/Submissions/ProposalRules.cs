using System.Globalization;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>What a proposal form may be checked against: the event's CfP set-up, loaded once.</summary>
public sealed record CfpContext(
    EventRow Event, CfpSettingsRow? Settings, IReadOnlyList<SessionTypeRow> Types, IReadOnlyList<TrackRow> Tracks, IReadOnlyList<QuestionRow> Questions)
{
    public SessionTypeRow? Type(long id) => Types.FirstOrDefault(t => t.Id == id);
}

/// <summary>Field limits and completeness of a proposal; plain code, unit-tested without a host.</summary>
public static class ProposalRules
{
    public const int MaxTitle = 150;
    public const int MaxAbstract = 1_500;
    public const int MaxDescription = 10_000;
    public const int MaxNotes = 4_000;
    public const int MaxLanguage = 40;
    public const int MaxTracks = 5;
    public const int MaxAvailability = 30;
    public const int MaxShortAnswer = 300;
    public const int MaxLongAnswer = 5_000;
    public const int MaxTags = 20;
    public const int MaxTag = 40;

    public static ProposalValues? Validate(ProposalInput input, CfpContext ctx, Validator v)
    {
        var title = v.Required("title", input.Title, MaxTitle, "Title");
        if (title is not null && title.Any(char.IsControl)) v.Add("title", "Title must be a single line.");
        var @abstract = v.Optional("abstract", input.Abstract, MaxAbstract, "Abstract");
        var description = v.Optional("description", input.Description, MaxDescription, "Description");
        var notes = v.Optional("notes", input.Notes, MaxNotes, "Notes for the organisers");
        var language = v.Optional("language", input.Language, MaxLanguage, "Language");
        if (language.Length == 0) language = "English";
        var level = string.IsNullOrWhiteSpace(input.AudienceLevel) ? "all" : input.AudienceLevel.Trim().ToLowerInvariant();
        if (!AudienceLevels.All.Contains(level)) v.Add("audienceLevel", $"Audience level must be one of: {string.Join(", ", AudienceLevels.All)}.");

        SessionTypeRow? type = null;
        if (input.SessionTypeId is not { } typeId) v.Add("sessionTypeId", "Session type is required.");
        else if ((type = ctx.Type(typeId)) is null) v.Add("sessionTypeId", "That session type does not exist in this event.");
        if (input.DurationMinutes is { } minutes && type is not null && !type.DurationList.Contains(minutes))
        {
            v.Add("durationMinutes", $"A {type.Name} lasts {string.Join(" or ", type.DurationList)} minutes.");
        }

        // Left empty, a proposal takes the type's first allowed length: the speaker need not know it.
        int? duration = input.DurationMinutes ?? (type?.DurationList.Count > 0 ? type.DurationList[0] : null);

        var tracks = (input.TrackIds ?? []).ToList();
        if (tracks.Count != tracks.Distinct().Count()) v.Add("trackIds", "Name each track once.");
        if (tracks.Count > MaxTracks) v.Add("trackIds", $"Choose at most {MaxTracks} tracks.");
        if (tracks.Any(t => ctx.Tracks.All(k => k.Id != t))) v.Add("trackIds", "One of the tracks does not exist in this event.");

        var availability = ValidateAvailability(input.Availability, ctx.Event, v);

        var proposalAnswers = new Dictionary<long, string>();
        var speakerAnswers = new Dictionary<long, string>();
        foreach (var answer in v.Items("answers", input.Answers, "answers") ?? [])
        {
            var question = ctx.Questions.FirstOrDefault(q => q.Id == answer.QuestionId && q.IsActive);
            if (question is null) { v.Add($"answers.{answer.QuestionId}", "That question does not exist in this call for papers."); continue; }
            if (type is not null && !Applies(question, type.Id, tracks)) continue;
            var value = ValidateAnswer(question, answer, v);
            if (value is null) continue;
            (question.Target == QuestionTargets.Speaker ? speakerAnswers : proposalAnswers)[question.Id] = value;
        }

        var code = string.IsNullOrWhiteSpace(input.AccessCode) ? null : input.AccessCode.Trim();
        if (code is { Length: > CfpRules.MaxCode }) v.Add("accessCode", "That access code is not valid.");
        if (v.HasErrors) return null;
        return new ProposalValues(title!, @abstract, description, type!.Id, duration, tracks, level, language, notes,
            availability, proposalAnswers, speakerAnswers, code);
    }

    public static bool Applies(QuestionRow q, long sessionTypeId, IReadOnlyCollection<long> trackIds) =>
        q.IsActive
        && (q.SessionTypeIdList.Count == 0 || q.SessionTypeIdList.Contains(sessionTypeId))
        && (q.TrackIdList.Count == 0 || q.TrackIdList.Any(trackIds.Contains));

    /// <summary>The normalised answer, or null when it is empty (not answered) or wrong (a message is added).</summary>
    public static string? ValidateAnswer(QuestionRow q, AnswerInput answer, Validator v)
    {
        var field = $"answers.{q.Id}";
        if (q.Kind == QuestionKinds.MultipleChoice)
        {
            var picked = v.TextList(field, answer.Values ?? (answer.Value is null ? [] : [answer.Value]), MaxShortAnswer, $"'{q.Prompt}'").Distinct().ToList();
            if (picked.Count == 0) return null;
            if (picked.Any(p => !q.OptionList.Contains(p))) { v.Add(field, $"'{q.Prompt}': choose from the options given."); return null; }
            return Json.Of(q.OptionList.Where(picked.Contains));
        }
        // Refused text comes back empty, with its message already given.
        var text = v.Optional(field, answer.Value, q.Kind == QuestionKinds.ShortText ? MaxShortAnswer : MaxLongAnswer, $"'{q.Prompt}'");
        if (text.Length == 0) return null;
        switch (q.Kind)
        {
            case QuestionKinds.ShortText when text.Length > MaxShortAnswer:
            case QuestionKinds.LongText when text.Length > MaxLongAnswer:
                v.Add(field, $"'{q.Prompt}' must be at most {(q.Kind == QuestionKinds.ShortText ? MaxShortAnswer : MaxLongAnswer)} characters (it has {text.Length}).");
                return null;
            case QuestionKinds.Number:
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) { v.Add(field, $"'{q.Prompt}' must be a number."); return null; }
                return n.ToString(CultureInfo.InvariantCulture);
            case QuestionKinds.Url:
                if (text.Length > 500 || !IsWebUrl(text)) { v.Add(field, $"'{q.Prompt}' must be a web address starting with https:// or http://."); return null; }
                return text;
            case QuestionKinds.YesNo:
                var yes = text.ToLowerInvariant() switch { "yes" or "true" or "on" => "yes", "no" or "false" or "off" => "no", _ => null };
                if (yes is null) v.Add(field, $"'{q.Prompt}': answer yes or no.");
                return yes;
            case QuestionKinds.SingleChoice:
                if (!q.OptionList.Contains(text)) { v.Add(field, $"'{q.Prompt}': choose one of the options given."); return null; }
                return text;
        }
        return text;
    }

    public static bool IsWebUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static List<AvailabilityRange> ValidateAvailability(IReadOnlyList<AvailabilityInput?>? input, EventRow e, Validator v)
    {
        var list = new List<AvailabilityRange>();
        if (v.Items("availability", input, "time ranges", MaxAvailability) is not { } ranges) return list;
        foreach (var r in ranges)
        {
            if (string.IsNullOrWhiteSpace(r.Date) && string.IsNullOrWhiteSpace(r.From) && string.IsNullOrWhiteSpace(r.To)) continue;
            var date = v.Date("availability", r.Date, "Availability date");
            var from = v.Time("availability", r.From, "Available from");
            var to = v.Time("availability", r.To, "Available until");
            if (date is null || from is null || to is null) continue;
            if (date < e.StartsOn || date > e.EndsOn) { v.Add("availability", $"{date:yyyy-MM-dd} is not a day of the event."); continue; }
            if (to <= from) { v.Add("availability", $"On {date:yyyy-MM-dd} the end of your availability must be after its start."); continue; }
            list.Add(new AvailabilityRange(date.Value, from.Value, to.Value));
        }
        return list.OrderBy(r => r.Date).ThenBy(r => r.From).ToList();
    }

    /// <summary>
    /// What a proposal still lacks before it can be submitted: an abstract, an allowed duration and the
    /// required answers. Answers are what is stored, so a submit without a form is judged the same way.
    /// </summary>
    public static void CheckComplete(ProposalRow p, SessionTypeRow type, IReadOnlyCollection<long> trackIds, IEnumerable<QuestionRow> questions,
        IReadOnlySet<long> answeredForProposal, IReadOnlySet<long> answeredBySpeaker, Validator v)
    {
        if (string.IsNullOrWhiteSpace(p.Abstract)) v.Add("abstract", "Abstract is required to submit.");
        if (p.DurationMinutes is not { } d) v.Add("durationMinutes", "Duration is required to submit.");
        else if (!type.DurationList.Contains(d)) v.Add("durationMinutes", $"A {type.Name} lasts {string.Join(" or ", type.DurationList)} minutes.");
        foreach (var q in questions.Where(q => q.IsRequired && Applies(q, type.Id, trackIds)))
        {
            var answered = q.Target == QuestionTargets.Speaker ? answeredBySpeaker.Contains(q.Id) : answeredForProposal.Contains(q.Id);
            if (!answered) v.Add($"answers.{q.Id}", $"'{q.Prompt}' is required.");
        }
    }

    public static IReadOnlyList<string>? ValidateTags(IReadOnlyList<string>? tags, Validator v)
    {
        var list = v.TextList("tags", tags, MaxTag, "tags").Select(t => t.ToLowerInvariant()).Distinct().ToList();
        if (list.Count > MaxTags) v.Add("tags", $"Give at most {MaxTags} tags.");
        if (list.Any(t => t.Length > MaxTag)) v.Add("tags", $"Each tag must be at most {MaxTag} characters.");
        return v.HasErrors ? null : list;
    }
}
