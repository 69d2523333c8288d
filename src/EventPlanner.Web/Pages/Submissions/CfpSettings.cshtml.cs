using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>Organisers shape the call: dates and text, session types, questions and access codes.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class CfpSettingsModel(EventStore events, CfpStore cfp, AccessCodeStore codes, SetupImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of deleting an access code; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public CfpContext Context { get; private set; } = null!;
    public IReadOnlyList<AccessCodeRow> Codes { get; private set; } = [];

    [BindProperty] public SettingsForm Settings { get; set; } = new();
    [BindProperty] public TypeForm Type { get; set; } = new();
    [BindProperty] public QuestionForm Question { get; set; } = new();
    [BindProperty] public CodeForm Code { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var s = Context.Settings;
        Settings = new SettingsForm
        {
            OpensAt = CfpTime.ToInput(s?.OpensAt, Context.Event.Zone), ClosesAt = CfpTime.ToInput(s?.ClosesAt, Context.Event.Zone), Intro = s?.Intro,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(string slug) => DoAsync(slug, async v =>
    {
        var values = CfpRules.Validate(new CfpSettingsInput(Settings.OpensAt, Settings.ClosesAt, Settings.Intro), Context.Event.Zone, v);
        if (values is not null) await cfp.SaveSettingsAsync(Context.Event.Id, values);
    }, "The call for papers is saved.", "Settings");

    public Task<IActionResult> OnPostTypeAsync(string slug, long? typeId) => DoAsync(slug, async v =>
    {
        var input = new SessionTypeInput(Type.Name, SessionTypeRules.ParseDurations(Type.Durations), Type.ClosesAt, Type.AcceptsLate, Type.IsHidden,
            typeId is null || Type.IsEnabled, Type.MaxSpeakers, Type.SortOrder);
        var values = CfpRules.Validate(input, Context.Event.Zone, v);
        if (values is null) return;
        var row = typeId is { } id ? await cfp.UpdateTypeAsync(Context.Event.Id, id, values, v) : await cfp.AddTypeAsync(Context.Event.Id, values, v);
        if (row is null && !v.HasErrors) v.Add("name", "There is no such session type.");
    }, $"The session type '{Type.Name}' is saved.", "Type");

    public Task<IActionResult> OnPostQuestionAsync(string slug) => DoAsync(slug, async v =>
    {
        var input = new QuestionInput(Question.Target, Question.Kind, Question.Prompt, Question.Help,
            (Question.Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Question.IsRequired,
            Question.TrackIds, Question.SessionTypeIds, Question.SortOrder, true);
        var values = CfpRules.Validate(input, v);
        if (values is not null) await cfp.AddQuestionAsync(Context, values, v);
    }, "The question is added.", "Question");

    public Task<IActionResult> OnPostToggleQuestionAsync(string slug, long questionId) => DoAsync(slug, async v =>
    {
        if (Context.Questions.FirstOrDefault(q => q.Id == questionId) is not { } q) { v.Add("question", "There is no such question."); return; }
        var values = new QuestionValues(q.Target, q.Kind, q.Prompt, q.Help, q.OptionList, q.IsRequired, q.TrackIdList, q.SessionTypeIdList, q.SortOrder, !q.IsActive);
        await cfp.UpdateQuestionAsync(Context, q.Id, values, v);
    }, "The question is updated.", "Question");

    public Task<IActionResult> OnPostCodeAsync(string slug) => DoAsync(slug, async v =>
    {
        var values = CfpRules.Validate(new AccessCodeInput(Code.Code, Code.Description, Code.SessionTypeId, Code.ExpiresAt, Code.MaxUses), Context.Event.Zone, v);
        if (values is not null) await codes.AddAsync(Context, values, v);
    }, "The access code is created.", "Code");

    /// <summary>The first post shows the drafts and proposals carrying the code; only a post with the stamp of those counts deletes it, recounted inside the delete.</summary>
    public async Task<IActionResult> OnPostDeleteCodeAsync(string slug, long codeId, string? stamp)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (await impacts.AccessCodeAsync(Context.Event.Id, codeId) is not { } what)
        {
            TempData["Flash"] = "That access code was already deleted.";
            return Redirect($"/events/{slug}/cfp/settings");
        }
        if (!what.ConfirmedBy(stamp)) return AskCode(what, slug, codeId, stamp is not null);
        var check = new StampCheck(Context.Event.Id, stamp, (c, tx) => SetupImpacts.AccessCodeAsync(c, tx, Context.Event.Id, codeId));
        var deleted = await codes.DeleteAsync(Context.Event.Id, codeId, stillAsShown: check.HoldsAsync);
        if (check.Changed) return AskCode(check.Fresh!, slug, codeId, true);
        TempData["Flash"] = deleted ? "The access code is deleted." : "That access code was already deleted.";
        return Redirect($"/events/{slug}/cfp/settings");
    }

    private PageResult AskCode(Impact what, string slug, long codeId, bool changed)
    {
        Confirm = new ConfirmView(what, $"Delete {what.Subject}?", "DeleteCode",
            new Dictionary<string, string> { ["codeId"] = codeId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Delete the code",
            $"/events/{slug}/cfp/settings", "Keep the code", changed);
        return Page();
    }

    private async Task<IActionResult> DoAsync(string slug, Func<Validator, Task> work, string flash, string prefix) =>
        await LoadAsync(slug) ? await this.ValidatedAsync(work, flash, prefix, $"/events/{slug}/cfp/settings") : NotFound();

    private async Task<bool> LoadAsync(string slug)
    {
        if (await cfp.ContextAsync(events, slug) is not { } ctx) return false;
        Context = ctx;
        Codes = await codes.ListAsync(ctx.Event.Id);
        return true;
    }

    public sealed class SettingsForm
    {
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }
        public string? Intro { get; set; }
    }

    public sealed class TypeForm
    {
        public string? Name { get; set; }
        public string? Durations { get; set; }
        public string? ClosesAt { get; set; }
        public bool AcceptsLate { get; set; }
        public bool IsHidden { get; set; }
        public bool IsEnabled { get; set; }
        public int? MaxSpeakers { get; set; }
        public int? SortOrder { get; set; }
    }

    public sealed class QuestionForm
    {
        public string? Target { get; set; }
        public string? Kind { get; set; }
        public string? Prompt { get; set; }
        public string? Help { get; set; }
        public string? Options { get; set; }
        public bool IsRequired { get; set; }
        public List<long>? TrackIds { get; set; }
        public List<long>? SessionTypeIds { get; set; }
        public int? SortOrder { get; set; }
    }

    public sealed class CodeForm
    {
        public string? Code { get; set; }
        public string? Description { get; set; }
        public long? SessionTypeId { get; set; }
        public string? ExpiresAt { get; set; }
        public int? MaxUses { get; set; }
    }
}
