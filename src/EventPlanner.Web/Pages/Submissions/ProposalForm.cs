using EventPlanner.Web.Features.Submissions;
using Microsoft.AspNetCore.Http;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>The proposal form as the browser posts it, turned into the same input the API takes.</summary>
public sealed class ProposalForm
{
    public const int TrackChoices = ProposalRules.MaxTracks;
    public const int AvailabilityRows = 3;

    public string? Title { get; set; }
    public string? Abstract { get; set; }
    public string? Description { get; set; }
    public long? SessionTypeId { get; set; }
    public int? DurationMinutes { get; set; }
    public List<long?> Tracks { get; set; } = [];
    public string? AudienceLevel { get; set; }
    public string? Language { get; set; }
    public string? Notes { get; set; }
    public List<AvailabilityForm> Availability { get; set; } = [];
    public string? AccessCode { get; set; }

    /// <summary>Answers as posted (answer-{questionId}, several values for multiple choice), read from the raw form.</summary>
    public Dictionary<long, IReadOnlyList<string>> Answers { get; } = [];

    public sealed class AvailabilityForm
    {
        public string? Date { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public void ReadAnswers(IFormCollection form, IEnumerable<QuestionRow> questions)
    {
        foreach (var q in questions.Where(q => q.IsActive))
        {
            var values = form[$"answer-{q.Id}"];
            if (values.Count > 0) Answers[q.Id] = values.Where(v => v is not null).Select(v => v!).ToList();
        }
    }

    public ProposalInput ToInput(bool submit) => new(
        Title, Abstract, Description, SessionTypeId, DurationMinutes,
        Tracks.Where(t => t is not null).Select(t => t!.Value).ToList(), AudienceLevel, Language, Notes,
        Availability.Select(a => new AvailabilityInput(a.Date, a.From, a.To)).ToList(),
        Answers.Select(a => new AnswerInput(a.Key, a.Value.Count == 1 ? a.Value[0] : null, a.Value)).ToList(),
        AccessCode, submit);

    public static ProposalForm From(ProposalDetail d, IEnumerable<AnswerRow> speakerAnswers)
    {
        var p = d.Proposal;
        var form = new ProposalForm
        {
            Title = p.Title, Abstract = p.Abstract, Description = p.Description, SessionTypeId = p.SessionTypeId, DurationMinutes = p.DurationMinutes,
            Tracks = d.TrackIds.Select(t => (long?)t).ToList(), AudienceLevel = p.AudienceLevel, Language = p.Language, Notes = p.Notes,
            Availability = p.AvailabilityList.Select(a => new AvailabilityForm { Date = $"{a.Date:yyyy-MM-dd}", From = $"{a.From:HH\\:mm}", To = $"{a.To:HH\\:mm}" }).ToList(),
        };
        foreach (var a in d.Answers.Concat(speakerAnswers)) form.Answers[a.QuestionId] = Values(a.Value);
        return form;
    }

    public static ProposalForm WithSpeakerAnswers(IEnumerable<AnswerRow> speakerAnswers)
    {
        var form = new ProposalForm();
        foreach (var a in speakerAnswers) form.Answers[a.QuestionId] = Values(a.Value);
        return form;
    }

    /// <summary>Pads the repeated rows so the form always offers the same number of choices.</summary>
    public ProposalForm Padded(int trackCount)
    {
        while (Tracks.Count < Math.Min(TrackChoices, trackCount)) Tracks.Add(null);
        while (Availability.Count < AvailabilityRows) Availability.Add(new AvailabilityForm());
        return this;
    }

    public string Answer(long questionId) => Answers.TryGetValue(questionId, out var v) && v.Count > 0 ? v[0] : "";

    public bool Chose(long questionId, string option) => Answers.TryGetValue(questionId, out var v) && v.Contains(option);

    // Multiple-choice answers are stored as a JSON array.
    private static IReadOnlyList<string> Values(string stored) =>
        stored.StartsWith('[') ? Json.List<string>(stored) : [stored];
}
